import assert from 'node:assert/strict';
import { test } from 'node:test';
import { escapeHtml, html, joinHtml, safeHref, sanitizeSnippet, SafeHtml, trustedHtml } from '../../src/web/html/escape.js';

test('html escapes every interpolated string, in content and attributes', () => {
  const evil = `<script>alert("x")</script>&'`;
  const out = html`<p title="${evil}">${evil}</p>`.value;
  assert.equal(out, '<p title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;</p>');
  assert.ok(!out.includes('<script>'));
});

test('html keeps nested fragments, flattens arrays, drops null/undefined/booleans', () => {
  const inner = html`<b>${'a<b'}</b>`;
  const out = html`<div>${inner}${[html`<i>1</i>`, '<2>', [3]]}${null}${undefined}${false}${true}</div>`.value;
  assert.equal(out, '<div><b>a&lt;b</b><i>1</i>&lt;2&gt;3</div>');
});

test('a plain string is never treated as markup, even when it looks like SafeHtml output', () => {
  const fake = { value: '<script>' } as unknown as string;
  // Only real SafeHtml instances pass unescaped; an object that merely has `value` is stringified.
  assert.ok(!html`${fake}`.value.includes('<script>'));
  assert.ok(trustedHtml('<mark>x</mark>') instanceof SafeHtml);
});

test('joinHtml escapes items and separator', () => {
  assert.equal(joinHtml(['<a>', html`<br>`], ' & ').value, '&lt;a&gt; &amp; <br>');
});

test('escapeHtml covers the five significant characters', () => {
  assert.equal(escapeHtml(`&<>"'`), '&amp;&lt;&gt;&quot;&#39;');
});

test('sanitizeSnippet keeps <mark> and escaped entities but neutralises any other markup', () => {
  assert.equal(sanitizeSnippet('Dear &lt;b&gt; <mark>Fidel</mark> &amp; co').value, 'Dear &lt;b&gt; <mark>Fidel</mark> &amp; co');
  const hostile = sanitizeSnippet('<script>alert(1)</script> <mark>x</mark> <img src=x onerror=alert(1)> AT&T');
  assert.ok(!hostile.value.includes('<script>'));
  assert.ok(!hostile.value.includes('<img'));
  assert.ok(hostile.value.includes('<mark>x</mark>'));
  assert.ok(hostile.value.includes('AT&amp;T'));
  assert.equal(sanitizeSnippet('<mark>open').value, '<mark>open</mark>');
  assert.equal(sanitizeSnippet('close</mark>').value, 'close');
});

test('safeHref allows http(s), mailto and site paths; refuses script and protocol-relative URLs', () => {
  assert.equal(safeHref('https://example.org/a b'), 'https://example.org/a%20b');
  assert.equal(safeHref('mailto:hi@example.org'), 'mailto:hi@example.org');
  assert.equal(safeHref('/documents/x'), '/documents/x');
  assert.equal(safeHref('#fn-1'), '#fn-1');
  for (const bad of ['javascript:alert(1)', ' JavaScript:alert(1)', 'data:text/html,<script>', '//evil.example', '/\\evil.example', 'vbscript:x', '', 'https://x.org/\u0000']) {
    assert.equal(safeHref(bad), null, bad);
  }
});
