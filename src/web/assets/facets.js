// Archivum search page: facet checkboxes apply at once (through enhance.js, without a reload),
// and long facets get a filter box. Without this script the checkboxes work with "Apply filters".
const LONG = 8;

function enhance() {
  const form = document.querySelector('.facets-form');
  if (!form || form.dataset.enhanced) return;
  form.dataset.enhanced = 'true';
  form.classList.add('auto-apply');
  form.addEventListener('change', (event) => {
    if (event.target instanceof HTMLInputElement && event.target.type === 'checkbox') form.requestSubmit();
  });
  for (const fieldset of form.querySelectorAll('fieldset.facet')) {
    const items = [...fieldset.querySelectorAll('li')];
    if (items.length <= LONG) continue;
    const id = `filter-${fieldset.dataset.facet}`;
    const legend = fieldset.querySelector('legend')?.textContent ?? '';
    const wrap = document.createElement('div');
    wrap.className = 'facet-filter';
    const label = document.createElement('label');
    label.htmlFor = id;
    label.className = 'visually-hidden';
    label.textContent = `Filter ${legend} values`;
    const input = document.createElement('input');
    input.type = 'search';
    input.id = id;
    input.placeholder = `Filter ${legend.toLowerCase()}…`;
    input.autocomplete = 'off';
    // The box has no name, so it is never sent; Enter must not submit the form either.
    input.addEventListener('keydown', (e) => { if (e.key === 'Enter') e.preventDefault(); });
    input.addEventListener('input', () => {
      const needle = input.value.trim().toLocaleLowerCase();
      const details = fieldset.querySelector('details');
      if (details && needle) details.open = true;
      for (const li of items) li.hidden = needle !== '' && !li.textContent.toLocaleLowerCase().includes(needle);
    });
    wrap.append(label, input);
    fieldset.querySelector('legend').after(wrap);
  }
}

enhance();
document.addEventListener('archivum:content', enhance);
