import { openableDocuments, sameText, type Block, type DocumentView, type EditorialCertainty, type EntityRef, type Inline, type TextVersion } from '../../domain/index.js';
import type { AdjacentDocuments } from '../../store/types.js';
import { CITATION_FORMATS, citationHtml, CSL_STYLES, SITE_NAME, STYLE_NAMES, type CitationFormat } from '../citation/index.js';
import { html, joinHtml, safeHref, sanitizeFormatted, type HtmlValue, type SafeHtml } from './escape.js';
import { displayDate, languageName, languageTag, listJoin, machineDate, urls } from './format.js';
import { NoteContext, renderBlocks, renderFootnotes, renderInlines, renderPlainText } from './body.js';
import { layout } from './layout.js';
import { pageImages } from '../page-images.js';

export interface DocumentPageOptions {
  styleHref: string;
  /** Absolute URL of this page, for the citation and <link rel="canonical">. */
  canonicalUrl: string;
  /** "Accessed" date in the citation. */
  accessed?: Date;
  /** Previous and next document in the document's collection, and that collection. */
  adjacent?: AdjacentDocuments & { collection: { slug: string; title: string } };
  /** `?compare=N`: show the reading text and other version N side by side. */
  compare?: number;
  /** Enhancement scripts (the page-image viewer); the page works without them. */
  scripts?: string[];
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
  // References list only what this reader may see, with a title when the archive holds it.
  const linkable = openableDocuments(doc);
  const notes = new NoteContext(doc.footnotes, linkable, doc.references);
  const mainLang = languageTag(doc.language) ?? languageTag(doc.texts.find((t) => sameText(t.text, doc.text))?.language);
  // Render the title's note markers and the text first: footnote back-links depend on the anchors they contain.
  const { titleNotes, body } = splitTitleNotes(doc.body);
  const titleMarkers = titleNotes ? renderInlines(titleNotes, notes) : '';
  const textHtml = body && body.length ? renderBlocks(body, notes) : doc.text ? renderPlainText(doc.text) : null;
  const otherTexts = doc.texts.filter((t) => t.text.trim() !== '' && !sameText(t.text, doc.text));
  const compared = options.compare !== undefined && textHtml ? otherTexts[options.compare] : undefined;
  const readingLabel = readingTextLabel(doc);
  const textBlock = textHtml
    ? html`<div class="prose"${mainLang ? html` lang="${mainLang}"` : ''}>${textHtml}</div>`
    : html`<p class="empty">No transcription of this document is available yet.</p>`;

  const content = html`<article class="document">
<header class="doc-header">
${dateLine(doc)}
${doc.number ? html`<p class="doc-number">Document ${doc.number}</p>` : ''}
<h1 class="doc-title">${doc.title}${titleMarkers}</h1>
${doc.funders.length ? html`<p class="funder-line">This document was made possible with support from ${listJoin(doc.funders)}</p>` : ''}
${doc.description ? html`<p class="doc-description">${doc.description}</p>` : ''}
${correspondents(doc)}
</header>
<div class="doc-layout">
<div class="doc-body">
${compared ? parallelTexts(textBlock, readingLabel, compared, doc.id) : html`<section class="doc-text" aria-labelledby="text-heading">
<h2 id="text-heading" class="visually-hidden">Text</h2>
${textBlock}
</section>`}
${pageImagesSection(doc)}
${doc.footnotes.length ? html`<section class="doc-notes" aria-labelledby="notes-heading">
<h2 id="notes-heading">Notes</h2>
${renderFootnotes(notes)}
</section>` : ''}
${doc.summary ? html`<section class="doc-summary" aria-labelledby="summary-heading">
<h2 id="summary-heading">Summary</h2>
<div class="prose">${renderPlainText(doc.summary)}</div>
</section>` : ''}
${otherTexts.length && !compared ? otherVersions(otherTexts, doc.id, Boolean(textHtml)) : ''}
${docList('references-heading', 'Documents cited', doc.references.filter((r): r is { id: string; title: string } => r.title !== undefined))}
${docList('related-heading', 'Related documents', doc.related.filter((r) => !doc.references.some((ref) => ref.id === r.id)))}
</div>
<aside class="doc-meta" aria-label="About this document">
${documentInformation(doc)}
${subjects(doc)}
${media(doc)}
${citeBox(doc, options)}
</aside>
</div>
${options.adjacent ? adjacentNav(options.adjacent) : ''}
</article>`;

  return layout(
    {
      title: doc.title,
      styleHref: options.styleHref,
      head: documentHead(doc, options),
      bodyClass: compared ? 'page-document page-compare' : 'page-document',
      scripts: options.scripts ?? [],
    },
    content,
  );
}

function dateLine(doc: DocumentView): SafeHtml {
  const iso = doc.date.start && (!doc.date.end || doc.date.end === doc.date.start) ? machineDate(doc.date.start) : undefined;
  return iso
    ? html`<p class="doc-date"><time datetime="${iso}">${doc.date.display}</time></p>`
    : html`<p class="doc-date">${doc.date.display}</p>`;
}

function entityLinks(refs: (EntityRef & { certainty?: EditorialCertainty })[], href: (id: string) => string): SafeHtml {
  return joinHtml(refs.map((r) => html`<a href="${href(r.id)}">${r.name}</a>${knownBy(r.certainty)}`), ', ');
}

function correspondents(doc: DocumentView): HtmlValue {
  if (!doc.authors.length && !doc.recipients.length) return '';
  return html`<p class="correspondents">${doc.authors.length ? html`<span class="label">From</span> ${entityLinks(doc.authors, urls.person)}` : ''}${doc.authors.length && doc.recipients.length ? html`<span class="sep" aria-hidden="true"> · </span>` : ''}${doc.recipients.length ? html`<span class="label">To</span> ${entityLinks(doc.recipients, urls.person)}` : ''}</p>`;
}

function versionLabel(t: TextVersion): string {
  return [ROLE_LABELS[t.role], t.language ? languageName(t.language) : undefined].filter(Boolean).join(' · ');
}

/** What the reading text is: "Translation · English" when a version says so, else the document's language. */
function readingTextLabel(doc: DocumentView): string {
  const version = doc.texts.find((t) => sameText(t.text, doc.text));
  if (version) return versionLabel(version);
  return doc.language ? `Text · ${languageName(doc.language)}` : 'Text';
}

/**
 * Other versions of the text (the Russian original beside the English translation) as
 * collapsible sections that work without JavaScript, each with its own `lang`, and a link that
 * shows a version side by side with the reading text (`?compare=N`, a plain URL).
 */
function otherVersions(texts: TextVersion[], id: string, canCompare: boolean): SafeHtml {
  return html`<section class="doc-versions" aria-labelledby="versions-heading">
<h2 id="versions-heading">Other versions of the text</h2>
${texts.map((t, i) => {
    const tag = languageTag(t.language);
    return html`<details class="version">
<summary>${versionLabel(t)}${t.translator ? html` <span class="translator">(translated by ${t.translator})</span>` : ''}</summary>
${canCompare ? html`<p class="compare-link"><a href="${`${urls.document(id)}?compare=${i}#text-heading`}">Show side by side with the reading text</a></p>` : ''}
<div class="prose"${tag ? html` lang="${tag}"` : ''}>${renderPlainText(t.text)}</div>
</details>`;
  })}
</section>`;
}

/** The reading text and one other version in two columns (stacked on narrow screens). */
function parallelTexts(reading: SafeHtml, readingLabel: string, other: TextVersion, id: string): SafeHtml {
  const tag = languageTag(other.language);
  return html`<section class="doc-text doc-parallel" aria-labelledby="text-heading">
<h2 id="text-heading">Text and ${versionLabel(other).toLowerCase()}</h2>
<p class="compare-link"><a href="${urls.document(id)}">Show the reading text alone</a></p>
<div class="parallel">
<section class="parallel-col" aria-labelledby="col-reading"><h3 id="col-reading">${readingLabel}</h3>${reading}</section>
<section class="parallel-col" aria-labelledby="col-other"><h3 id="col-other">${versionLabel(other)}${other.translator ? html` <span class="translator">(translated by ${other.translator})</span>` : ''}</h3>
<div class="prose"${tag ? html` lang="${tag}"` : ''}>${renderPlainText(other.text)}</div></section>
</div>
</section>`;
}

/**
 * Page images: each scan as a figure with a link to the full image. The viewer script adds
 * zoom and pan (buttons, wheel, drag, keyboard) in place; without it the link opens the image.
 * The images are the record's own media URLs, wherever they are kept (app.ts lets images in).
 */
function pageImagesSection(doc: DocumentView): HtmlValue {
  const images = pageImages(doc).map((image) => ({ href: image.href, label: image.label ?? 'Page image' }));
  if (!images.length) return '';
  return html`<section class="doc-images" aria-labelledby="images-heading">
<h2 id="images-heading">Page images</h2>
${images.map((img, i) => html`<figure class="page-image" data-viewer>
<div class="viewer-frame"><img src="${img.href}" alt="${`${img.label} ${i + 1} of ${images.length}: ${doc.title}`}" width="800" height="1100" loading="${i === 0 ? 'eager' : 'lazy'}" decoding="async"></div>
<figcaption>${img.label} ${i + 1} of ${images.length} · <a href="${img.href}">Open the full image</a></figcaption>
</figure>`)}
<p class="iiif-link"><a href="${urls.iiifManifest(doc.id)}" type="application/ld+json">IIIF manifest</a> <span class="muted">(to open these pages in a IIIF viewer)</span></p>
</section>`;
}

/**
 * The markers of the notes a source prints on the title (FRUS: the source note, footnote 1) come
 * as a line of their own where the title stood (`rend: 'title-notes'`); they belong on the title.
 */
function splitTitleNotes(body: Block[] | undefined): { titleNotes?: Inline[]; body?: Block[] } {
  const at = body?.findIndex((b) => b.kind === 'p' && b.rend === 'title-notes') ?? -1;
  const line = at >= 0 ? body![at] : undefined;
  if (!line || line.kind !== 'p') return { body };
  return { titleNotes: line.children, body: [...body!.slice(0, at), ...body!.slice(at + 1)] };
}

/** Previous and next in the collection, as the collection page orders them. */
function adjacentNav(a: AdjacentDocuments & { collection: { slug: string; title: string } }): SafeHtml {
  return html`<nav class="doc-adjacent" aria-label="In this collection">
<p>${a.position} of ${a.total} in <a href="${urls.collection(a.collection.slug)}">${a.collection.title}</a></p>
<ul>
${a.previous ? html`<li class="prev"><a href="${urls.document(a.previous.id)}" rel="prev"><span class="dir">← Previous</span> ${a.previous.title}</a></li>` : ''}
${a.next ? html`<li class="next"><a href="${urls.document(a.next.id)}" rel="next"><span class="dir">Next →</span> ${a.next.title}</a></li>` : ''}
</ul>
</nav>`;
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
  add('Document number', doc.number);
  add('Classification', doc.classification);
  if (doc.placeWritten) add('Place written', html`<a href="${urls.place(doc.placeWritten.id)}">${doc.placeWritten.name}</a>${knownBy(doc.placeWrittenCertainty)}`);
  if (doc.received) add('Received', receivedLine(doc.received));
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

/** "23. 5. 1890, Wien": the date as written or shown like the document's (a conjecture bracketed), the place linked. */
function receivedLine(received: NonNullable<DocumentView['received']>): SafeHtml {
  const parts: SafeHtml[] = [];
  if (received.date) parts.push(html`${received.date.display}`);
  if (received.place) parts.push(html`<a href="${urls.place(received.place.id)}">${received.place.name}</a>${knownBy(received.placeCertainty)}`);
  return joinHtml(parts, html`, `);
}

/** " (conjectured)" after a place the editors suppose, " (inferred)" after one they worked out. */
function knownBy(certainty: EditorialCertainty | undefined): string {
  return certainty === 'conjecture' ? ' (conjectured)' : certainty === 'inferred' ? ' (inferred)' : '';
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

/**
 * "Cite this document": the Chicago, MLA and APA entries rendered by citeproc-js from the
 * document's CSL-JSON (the same path as /api/documents/{id}/citation), and the export formats.
 */
function citeBox(doc: DocumentView, options: DocumentPageOptions): SafeHtml {
  const exportLink = (format: CitationFormat) =>
    html`<li><a href="${`${urls.documentJson(doc.id)}/citation?format=${format}`}" type="${CITATION_FORMATS[format].type.split(';')[0]!}">${CITATION_FORMATS[format].label}</a></li>`;
  return html`<section class="cite-box" aria-labelledby="cite-heading">
<h2 id="cite-heading">Cite this document</h2>
${STYLE_NAMES.map((style) => html`<div class="citation-entry">
<h3 class="citation-style">${CSL_STYLES[style].label}</h3>
<p class="citation" data-style="${style}">${sanitizeFormatted(citationHtml(doc, style, options.canonicalUrl, options.accessed))}</p>
</div>`)}
<p class="citation-style">Export</p>
<ul class="cite-links inline-list">${(['bibtex', 'ris', 'csl-json'] as const).map(exportLink)}<li><a href="${urls.documentJson(doc.id)}" type="application/json">Record as JSON</a></li></ul>
<p class="help">Styles from the <a href="https://citationstyles.org/">Citation Style Language</a> project.</p>
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
