// Archivum search page: facet checkboxes apply at once (through enhance.js, without a reload),
// and the find box of a long facet narrows its listed values as one types. Without this script
// the checkboxes work with "Apply filters" and the find box with Enter.

function enhance() {
  const form = document.querySelector('.facets-form');
  if (!form || form.dataset.enhanced) return;
  form.dataset.enhanced = 'true';
  form.classList.add('auto-apply');
  form.addEventListener('change', (event) => {
    if (event.target instanceof HTMLInputElement && event.target.type === 'checkbox') form.requestSubmit();
  });
  for (const fieldset of form.querySelectorAll('fieldset.facet')) {
    // The box is the page's own (a `<facet>Match` field: Enter asks the server for every value
    // containing the text); here it also narrows the values already listed as one types.
    const input = fieldset.querySelector('.facet-filter input');
    if (!input) continue;
    const items = [...fieldset.querySelectorAll('li')];
    input.addEventListener('input', () => {
      const needle = input.value.trim().toLocaleLowerCase();
      const details = fieldset.querySelector('details');
      if (details && needle) details.open = true;
      for (const li of items) li.hidden = needle !== '' && !li.textContent.toLocaleLowerCase().includes(needle);
    });
  }
  // An empty box need not travel in the address.
  form.addEventListener('formdata', (event) => {
    for (const [name, value] of [...event.formData.entries()]) if (name.endsWith('Match') && value === '') event.formData.delete(name);
  });
}

enhance();
document.addEventListener('archivum:content', enhance);
