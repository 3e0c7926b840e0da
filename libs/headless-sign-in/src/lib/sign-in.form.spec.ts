import { parseSignInForm, SignInFormNotFoundError } from './sign-in.form';

const page = new URL('http://idp.test/interaction/u1');

describe('parseSignInForm', () => {
  it('reads the form’s action and its anti-forgery token, unescaped', () => {
    const html = `<form method="post" action="/interaction/u1/abort"><input type="hidden" name="csrf" value="nope"></form>
<form method="post" action="/interaction/u1/login" autocomplete="on">
<input type="hidden" name="csrf" value="a&amp;b">
<input type="email" id="email" name="email" value="">
</form>`;
    expect(parseSignInForm(html, page)).toEqual({ action: new URL('http://idp.test/interaction/u1/login'), csrf: 'a&b' });
  });

  it('says so when the page has no sign-in form (an error page)', () => {
    expect(() => parseSignInForm('<h1>Sign-in expired</h1>', page)).toThrow(SignInFormNotFoundError);
  });
});
