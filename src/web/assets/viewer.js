// Archivum page-image viewer: zoom and pan a scan in place (buttons, drag, wheel with Ctrl,
// + − 0 and arrow keys). Offline: it only transforms the image already on the page. Without this
// script each image links to its full-size file.
for (const figure of document.querySelectorAll('figure[data-viewer]')) {
  const frame = figure.querySelector('.viewer-frame');
  const img = frame?.querySelector('img');
  if (!frame || !img) continue;
  let scale = 1;
  let x = 0;
  let y = 0;
  const apply = () => {
    scale = Math.min(8, Math.max(1, scale));
    if (scale === 1) { x = 0; y = 0; }
    img.style.transform = `translate(${x}px, ${y}px) scale(${scale})`;
    frame.classList.toggle('zoomed', scale > 1);
  };
  const tools = document.createElement('div');
  tools.className = 'viewer-tools';
  tools.setAttribute('role', 'group');
  tools.setAttribute('aria-label', 'Image zoom');
  for (const [label, text, action] of [
    ['Zoom in', '+', () => { scale *= 1.5; apply(); }],
    ['Zoom out', '−', () => { scale /= 1.5; apply(); }],
    ['Fit the page', 'Fit', () => { scale = 1; apply(); }],
  ]) {
    const b = document.createElement('button');
    b.type = 'button';
    b.className = 'secondary';
    b.textContent = text;
    b.setAttribute('aria-label', label);
    b.addEventListener('click', action);
    tools.append(b);
  }
  frame.before(tools);
  frame.tabIndex = 0;
  frame.setAttribute('role', 'group');
  frame.setAttribute('aria-label', `${img.alt}. + and − zoom, arrow keys move, 0 fits`);
  let drag = null;
  frame.addEventListener('pointerdown', (e) => { if (scale > 1) { drag = [e.clientX - x, e.clientY - y]; frame.setPointerCapture(e.pointerId); } });
  frame.addEventListener('pointermove', (e) => { if (drag) { x = e.clientX - drag[0]; y = e.clientY - drag[1]; apply(); } });
  frame.addEventListener('pointerup', () => { drag = null; });
  frame.addEventListener('wheel', (e) => { if (e.ctrlKey) { e.preventDefault(); scale *= e.deltaY < 0 ? 1.2 : 1 / 1.2; apply(); } }, { passive: false });
  frame.addEventListener('keydown', (e) => {
    const keys = { '+': () => (scale *= 1.5), '=': () => (scale *= 1.5), '-': () => (scale /= 1.5), 0: () => (scale = 1), ArrowLeft: () => (x += 40), ArrowRight: () => (x -= 40), ArrowUp: () => (y += 40), ArrowDown: () => (y -= 40) };
    const action = keys[e.key];
    if (action) { e.preventDefault(); action(); apply(); }
  });
}
