// Archivum: navigation without a full reload. Links and GET forms inside <main> that lead to
// the same page (a facet, a chip, a page of results, a timeline bar) are fetched and only
// <main> is replaced; the URL is pushed, so it stays shareable and Back works. Everything here
// is an enhancement: without this script the same links and forms load the page normally.
const live = document.createElement('div');
live.className = 'visually-hidden';
live.setAttribute('aria-live', 'polite');
document.body.append(live);

let controller = null;

const mainEl = () => document.querySelector('main');
const hrefOf = (a) => a.getAttribute('href') ?? a.getAttribute('xlink:href');
const samePage = (url) => url.origin === location.origin && url.pathname === location.pathname;

/** Where focus goes after new content: the same control if it still exists, else the results heading. */
function focusKey(el) {
  if (!(el instanceof Element) || !mainEl().contains(el)) return null;
  if (el instanceof HTMLInputElement && el.type === 'checkbox') return `input[type="checkbox"][name="${CSS.escape(el.name)}"][value="${CSS.escape(el.value)}"]`;
  if (el.id) return `#${CSS.escape(el.id)}`;
  return null;
}

async function navigate(href, { push = true } = {}) {
  controller?.abort();
  controller = new AbortController();
  const main = mainEl();
  const key = focusKey(document.activeElement);
  main.setAttribute('aria-busy', 'true');
  try {
    const res = await fetch(href, { signal: controller.signal, headers: { Accept: 'text/html' } });
    const doc = new DOMParser().parseFromString(await res.text(), 'text/html');
    const next = doc.querySelector('main');
    if (!next) throw new Error('no <main> in the answer');
    main.replaceChildren(...next.childNodes);
    document.title = doc.title;
    if (push) history.pushState({ archivum: true }, '', href);
    const heading = main.querySelector('.result-count, #list-heading, h2');
    live.textContent = heading ? heading.textContent.trim() : document.title;
    const target = (key && main.querySelector(key)) || heading || main;
    if (target === heading || target === main) target.setAttribute('tabindex', '-1');
    target.focus({ preventScroll: target !== heading });
    document.dispatchEvent(new CustomEvent('archivum:content'));
  } catch (err) {
    if (err.name !== 'AbortError') location.assign(href);
  } finally {
    main.removeAttribute('aria-busy');
  }
}

document.addEventListener('click', (event) => {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const a = event.target instanceof Element ? event.target.closest('a[href]') : null;
  if (!a || !mainEl().contains(a) || a.getAttribute('target') || a.hasAttribute('download')) return;
  const url = new URL(hrefOf(a), location.href);
  if (!samePage(url) || (url.hash && url.search === location.search)) return;
  event.preventDefault();
  navigate(url.href);
});

document.addEventListener('submit', (event) => {
  const form = event.target;
  if (!(form instanceof HTMLFormElement) || form.method.toLowerCase() !== 'get' || !mainEl().contains(form)) return;
  const url = new URL(form.getAttribute('action') || location.pathname, location.href);
  if (!samePage(url)) return;
  event.preventDefault();
  // Empty fields are left out, as the server would ignore them anyway: shorter, cleaner URLs.
  const data = [...new FormData(form, event.submitter ?? undefined)].filter(([, v]) => typeof v === 'string' && v.trim() !== '');
  url.search = new URLSearchParams(data).toString();
  navigate(url.href);
});

// Other scripts (the timeline's brushing) ask for a navigation with an event, so that no module
// is loaded twice under two URLs.
document.addEventListener('archivum:navigate', (event) => {
  event.preventDefault();
  navigate(event.detail);
});

window.addEventListener('popstate', () => navigate(location.href, { push: false }));
