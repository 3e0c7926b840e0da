import { WebBffError } from '../api/web-bff.error';
import type { WebBffClient } from '../api/web-bff.client';
import { el, errorBox, picture } from '../ui/elements';
import { day, tierLabel } from '../ui/format';
import { orderList } from '../ui/order.summary';
import type { Screen, ScreenContext } from './screen';

/** `GET /api/profile`: who is signed in, and their recent orders with every product; the name can be changed here. */
export async function profileScreen({ api, retitle }: ScreenContext): Promise<Screen> {
  const { user, orders } = await api.profile();
  const heading = el('h1', {}, user.name);
  return {
    title: user.name,
    content: el(
      'section',
      { class: 'profile' },
      el(
        'div',
        { class: 'card profile-card' },
        picture(user.avatarUrl, user.name, 'avatar'),
        el(
          'div',
          { class: 'grow' },
          heading,
          el('p', { class: 'muted' }, user.email),
          el('p', { class: 'muted' }, `${tierLabel(user.tier)} member since ${day(user.createdAt)}`),
          nameForm(api, user.name, (name) => {
            heading.textContent = name;
            retitle(name);
          }),
        ),
      ),
      el('h2', {}, 'Recent orders'),
      orderList(orders),
    ),
  };
}

/**
 * The display name, sent as `PATCH /api/profile` (with the session's CSRF token, as every change). web-bff
 * alone decides what a good name is (1 to 80 characters once trimmed): its 400 names the field, and the
 * form shows that message as it comes.
 */
function nameForm(api: WebBffClient, name: string, renamed: (name: string) => void): HTMLFormElement {
  const input = el('input', { type: 'text', name: 'name', value: name, autocomplete: 'name' });
  const save = el('button', { type: 'submit' }, 'Save name');
  const outcome = el('div', { class: 'outcome' });
  const form = el('form', { class: 'name-form' }, el('label', {}, 'Display name', input), save, outcome);

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    save.disabled = true;
    outcome.replaceChildren();
    api.updateProfile(input.value).then(
      (updated) => {
        renamed(updated.name);
        input.value = updated.name;
        outcome.replaceChildren(el('p', { class: 'notice', role: 'status' }, 'Name saved.'));
      },
      (error: unknown) => {
        outcome.replaceChildren(error instanceof WebBffError ? errorBox(error.message, error.details) : errorBox('Saving the name failed.'));
        input.focus();
      },
    ).finally(() => {
      save.disabled = false;
    });
  });
  return form;
}
