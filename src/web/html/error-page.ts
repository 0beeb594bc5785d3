import { html, type SafeHtml } from './escape.js';
import { layout } from './layout.js';

/** Not found, bad request and server-error pages: say what happened and offer a way on. */
export function errorPage(status: 400 | 404 | 500, styleHref: string, detail?: string): SafeHtml {
  const heading = status === 404 ? 'Page not found' : status === 400 ? 'The request could not be read' : 'Something went wrong';
  const message =
    status === 404
      ? 'There is no public page at this address. The document may not exist, may not be published yet, or the link may be mistyped.'
      : status === 400
        ? detail ?? 'Some of the parameters in the address are not valid.'
        : 'The archive could not answer this request. The problem has been logged; please try again in a moment.';
  return layout(
    { title: heading, styleHref, bodyClass: 'page-error' },
    html`<h1>${heading}</h1>
<p${status === 400 ? html` role="alert"` : ''}>${message}</p>
<p><a href="/">Go to the home page</a> or <a href="/search">search the documents</a>.</p>`,
  );
}
