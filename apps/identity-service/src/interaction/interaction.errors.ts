/** The sign-in's interaction is unknown or over (its cookie is missing, expired, or for another one). */
export class InteractionExpiredError extends Error {
  constructor() {
    super('This sign-in has expired or was started elsewhere; go back to the app and sign in again');
    this.name = 'InteractionExpiredError';
  }
}

/** A form post came from another site (its `Origin` or `Sec-Fetch-Site` says so). */
export class CrossSiteRequestError extends Error {
  constructor() {
    super('Cross-site form posts are refused');
    this.name = 'CrossSiteRequestError';
  }
}

/** A form post lacked the page's anti-forgery token, or carried a wrong one. */
export class AntiForgeryError extends Error {
  constructor() {
    super('The form is not one this page issued; reload the sign-in page and try again');
    this.name = 'AntiForgeryError';
  }
}

/** A form post whose body is not the form's fields. */
export class MalformedFormError extends Error {
  constructor() {
    super('The form was not sent as this page sends it');
    this.name = 'MalformedFormError';
  }
}
