import type { DocumentView, EntityRef, TextVersion } from '../../domain/index.js';
import { chicagoCitation, SITE_NAME } from '../citation.js';
import { html, joinHtml, safeHref, type HtmlValue, type SafeHtml } from './escape.js';
import { displayDate, languageName, languageTag, listJoin, machineDate, urls } from './format.js';
import { NoteContext, renderBlocks, renderFootnotes, renderPlainText } from './body.js';
import { layout } from './layout.js';

export interface DocumentPageOptions {
  styleHref: string;
  /** Absolute URL of this page, for the citation and <link rel="canonical">. */
  canonicalUrl: string;
  /** "Accessed" date in the citation. */
  accessed?: Date;
}

const ROLE_LABELS: Record<TextVersion['role'], string> = {
  original: 'Original',
  translation: 'Translation',
  transcription: 'Transcription',
};

/**
 * The reading page, in the order of the Wilson Center record page (date, title, funder line,
 * description, text, summary, document information) with the metadata beside the text on wide
 * screens, and Highwire/Dublin Core tags in the head so Zotero can save the record.
 */
export function documentPage(doc: DocumentView, options: DocumentPageOptions): SafeHtml {
  const notes = new NoteContext(doc.footnotes);
  const mainLang = languageTag(doc.language) ?? languageTag(doc.texts.find((t) => sameText(t.text, doc.text))?.language);
  // Render the text first: footnote back-links depend on the anchors it contains.
  const textHtml = doc.body && doc.body.length ? renderBlocks(doc.body, notes) : doc.text ? renderPlainText(doc.text) : null;
  const otherTexts = doc.texts.filter((t) => t.text.trim() !== '' && !sameText(t.text, doc.text));

  const content = html`<article class="document">
<header class="doc-header">
${dateLine(doc)}
<h1 class="doc-title">${doc.title}</h1>
${doc.funders.length ? html`<p class="funder-line">This document was made possible with support from ${listJoin(doc.funders)}</p>` : ''}
${doc.description ? html`<p class="doc-description">${doc.description}</p>` : ''}
${correspondents(doc)}
</header>
<div class="doc-layout">
<div class="doc-body">
<section class="doc-text" aria-labelledby="text-heading">
<h2 id="text-heading" class="visually-hidden">Text</h2>
${textHtml ? html`<div class="prose"${mainLang ? html` lang="${mainLang}"` : ''}>${textHtml}</div>` : html`<p class="empty">No transcription of this document is available yet.</p>`}
</section>
${doc.footnotes.length ? html`<section class="doc-notes" aria-labelledby="notes-heading">
<h2 id="notes-heading">Notes</h2>
${renderFootnotes(notes)}
</section>` : ''}
${doc.summary ? html`<section class="doc-summary" aria-labelledby="summary-heading">
<h2 id="summary-heading">Summary</h2>
<div class="prose">${renderPlainText(doc.summary)}</div>
</section>` : ''}
${otherTexts.length ? otherVersions(otherTexts) : ''}
${docList('references-heading', 'Documents cited', doc.references)}
${docList('related-heading', 'Related documents', doc.related.filter((r) => !doc.references.some((ref) => ref.id === r.id)))}
</div>
<aside class="doc-meta" aria-label="About this document">
${documentInformation(doc)}
${subjects(doc)}
${media(doc)}
${citeBox(doc, options)}
</aside>
</div>
</article>`;

  return layout(
    {
      title: doc.title,
      styleHref: options.styleHref,
      head: documentHead(doc, options),
      bodyClass: 'page-document',
    },
    content,
  );
}

function sameText(a: string | undefined, b: string | undefined): boolean {
  if (a === undefined || b === undefined) return false;
  return a.replace(/\s+/g, ' ').trim() === b.replace(/\s+/g, ' ').trim();
}

function dateLine(doc: DocumentView): SafeHtml {
  const iso = doc.date.start && (!doc.date.end || doc.date.end === doc.date.start) ? machineDate(doc.date.start) : undefined;
  return iso
    ? html`<p class="doc-date"><time datetime="${iso}">${doc.date.display}</time></p>`
    : html`<p class="doc-date">${doc.date.display}</p>`;
}

function entityLinks(refs: EntityRef[], href: (id: string) => string): SafeHtml {
  return joinHtml(refs.map((r) => html`<a href="${href(r.id)}">${r.name}</a>`), ', ');
}

function correspondents(doc: DocumentView): HtmlValue {
  if (!doc.authors.length && !doc.recipients.length) return '';
  return html`<p class="correspondents">${doc.authors.length ? html`<span class="label">From</span> ${entityLinks(doc.authors, urls.person)}` : ''}${doc.authors.length && doc.recipients.length ? html`<span class="sep" aria-hidden="true"> · </span>` : ''}${doc.recipients.length ? html`<span class="label">To</span> ${entityLinks(doc.recipients, urls.person)}` : ''}</p>`;
}

/**
 * Other versions of the text (the Russian original beside the English translation) as
 * collapsible sections: they work without JavaScript and each carries its own `lang`.
 */
function otherVersions(texts: TextVersion[]): SafeHtml {
  return html`<section class="doc-versions" aria-labelledby="versions-heading">
<h2 id="versions-heading">Other versions of the text</h2>
${texts.map((t) => {
    const tag = languageTag(t.language);
    const label = [ROLE_LABELS[t.role], t.language ? languageName(t.language) : undefined].filter(Boolean).join(' · ');
    return html`<details class="version">
<summary>${label}${t.translator ? html` <span class="translator">(translated by ${t.translator})</span>` : ''}</summary>
<div class="prose"${tag ? html` lang="${tag}"` : ''}>${renderPlainText(t.text)}</div>
</details>`;
  })}
</section>`;
}

function docList(id: string, title: string, docs: { id: string; title: string }[]): HtmlValue {
  if (!docs.length) return '';
  return html`<section class="doc-links" aria-labelledby="${id}">
<h2 id="${id}">${title}</h2>
<ul>${docs.map((d) => html`<li><a href="${urls.document(d.id)}">${d.title}</a></li>`)}</ul>
</section>`;
}

/** The Wilson Center's "Document Information" block, field for field, plus what we also keep. */
function documentInformation(doc: DocumentView): SafeHtml {
  const rows: [string, HtmlValue][] = [];
  const add = (label: string, value: HtmlValue | undefined): void => {
    if (value !== undefined && value !== '' && value !== null) rows.push([label, value]);
  };
  add('Source', doc.source.archive);
  add('Reference', doc.source.reference);
  add('Source collection', doc.source.collection);
  if (doc.source.url) {
    const href = safeHref(doc.source.url);
    add('Source record', href ? html`<a href="${href}">${doc.source.url}</a>` : doc.source.url);
  }
  add('Document type', doc.type);
  add('Classification', doc.classification);
  if (doc.placeWritten) add('Place written', html`<a href="${urls.place(doc.placeWritten.id)}">${doc.placeWritten.name}</a>`);
  add('Language', doc.language ? languageName(doc.language) : undefined);
  add('Original language', doc.originalLanguage ? languageName(doc.originalLanguage) : undefined);
  add('Rights', doc.rights ? renderPlainText(doc.rights) : undefined);
  if (doc.uploadedAt) {
    const iso = machineDate(doc.uploadedAt);
    add('Original Uploaded Date', iso ? html`<time datetime="${iso}">${displayDate(doc.uploadedAt)}</time>` : doc.uploadedAt);
  }
  add('Record ID', doc.recordId);
  add('Archivum ID', doc.id);
  add('Credit', doc.credit);
  if (doc.funders.length) add(doc.funders.length === 1 ? 'Funder' : 'Funders', joinHtml(doc.funders.map((f) => html`<span class="funder">${f}</span>`), html`<br>`));
  return html`<section class="doc-info" aria-labelledby="info-heading">
<h2 id="info-heading">Document information</h2>
<dl class="meta-list">${rows.map(([label, value]) => html`<div class="meta-row"><dt>${label}</dt><dd>${value}</dd></div>`)}</dl>
</section>`;
}

function subjects(doc: DocumentView): HtmlValue {
  const groups: [string, SafeHtml][] = [];
  if (doc.authors.length) groups.push([doc.authors.length === 1 ? 'Author' : 'Authors', entityLinks(doc.authors, urls.person)]);
  if (doc.recipients.length) groups.push([doc.recipients.length === 1 ? 'Recipient' : 'Recipients', entityLinks(doc.recipients, urls.person)]);
  if (doc.people.length) groups.push(['People', entityLinks(doc.people, urls.person)]);
  if (doc.places.length) groups.push(['Places', entityLinks(doc.places, urls.place)]);
  if (doc.topics.length) groups.push(['Topics', entityLinks(doc.topics, urls.topic)]);
  if (doc.collections.length) {
    groups.push(['Collections', joinHtml(doc.collections.map((c) => html`<a href="${urls.collection(c.slug)}">${c.title}</a>`), ', ')]);
  }
  if (!groups.length) return '';
  return html`<section class="doc-subjects" aria-labelledby="subjects-heading">
<h2 id="subjects-heading">People, places and themes</h2>
<dl class="meta-list">${groups.map(([label, value]) => html`<div class="meta-row"><dt>${label}</dt><dd>${value}</dd></div>`)}</dl>
</section>`;
}

function media(doc: DocumentView): HtmlValue {
  const items = doc.media.flatMap((m) => {
    const href = safeHref(m.url);
    if (!href) return [];
    const label = m.label ?? (m.kind === 'pdf' ? 'Scan (PDF)' : m.kind === 'image' ? 'Page image' : m.kind === 'audio' ? 'Audio' : 'Video');
    return [html`<li><a href="${href}">${label}</a>${m.pages ? html` <span class="muted">(${m.pages} ${m.pages === 1 ? 'page' : 'pages'})</span>` : ''}</li>`];
  });
  if (!items.length) return '';
  return html`<section class="doc-media" aria-labelledby="media-heading">
<h2 id="media-heading">Scans and files</h2>
<ul>${items}</ul>
</section>`;
}

function citeBox(doc: DocumentView, options: DocumentPageOptions): SafeHtml {
  const citation = chicagoCitation(doc, options.canonicalUrl, options.accessed);
  return html`<section class="cite-box" aria-labelledby="cite-heading">
<h2 id="cite-heading">Cite this document</h2>
<p class="citation-style">Chicago style</p>
<p class="citation">${citation}</p>
<p class="cite-links"><a href="${urls.documentJson(doc.id)}" type="application/json">Record as JSON</a></p>
</section>`;
}

/** Highwire Press tags (read by Zotero and Google Scholar) and Dublin Core, plus alternates. */
function documentHead(doc: DocumentView, options: DocumentPageOptions): SafeHtml {
  const meta = (name: string, content: string | undefined): HtmlValue =>
    content ? html`<meta name="${name}" content="${content}">\n` : '';
  const highwireDate = doc.date.start ? machineDate(doc.date.start)?.replace(/-/g, '/') : undefined;
  const publisher = doc.source.archive ?? SITE_NAME;
  const description = doc.description ?? doc.summary;
  return html`<link rel="canonical" href="${options.canonicalUrl}">
<link rel="alternate" type="application/json" href="${urls.documentJson(doc.id)}">
${meta('description', description)}${meta('citation_title', doc.title)}${doc.authors.map((a) => meta('citation_author', a.name))}${meta('citation_date', highwireDate)}${meta('citation_publisher', publisher)}${meta('citation_language', languageTag(doc.language))}${meta('citation_public_url', options.canonicalUrl)}${meta('citation_abstract', doc.summary)}${doc.topics.map((t) => meta('citation_keywords', t.name))}${meta('DC.title', doc.title)}${doc.authors.map((a) => meta('DC.creator', a.name))}${meta('DC.date', doc.date.start ? machineDate(doc.date.start) : undefined)}${meta('DC.type', doc.type)}${meta('DC.rights', doc.rights)}${meta('DC.source', doc.source.archive)}${meta('DC.identifier', options.canonicalUrl)}${meta('DC.language', languageTag(doc.language))}`;
}
