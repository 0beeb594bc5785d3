// Archivum map: zoom and pan (buttons, drag, double-click, + − and arrow keys). Zoomed in,
// clusters give way to single places. Without this script the map is a plain SVG of links.
const ZOOM_PLACES = 2;
const MAX_ZOOM = 16;

function enhance() {
  const svg = document.querySelector('svg.world-map#world-map');
  if (!svg || svg.dataset.enhanced) return;
  svg.dataset.enhanced = 'true';
  const W = Number(svg.dataset.width);
  const H = Number(svg.dataset.height);
  let zoom = 1;
  let cx = W / 2;
  let cy = H / 2;
  const circles = [...svg.querySelectorAll('circle')].map((c) => [c, Number(c.getAttribute('r'))]);

  const apply = () => {
    const w = W / zoom;
    const h = H / zoom;
    cx = Math.min(W - w / 2, Math.max(w / 2, cx));
    cy = Math.min(H - h / 2, Math.max(h / 2, cy));
    svg.setAttribute('viewBox', `${cx - w / 2} ${cy - h / 2} ${w} ${h}`);
    svg.classList.toggle('zoomed', zoom >= ZOOM_PLACES);
    // Markers keep their size on screen: shrink them in map units as the map grows.
    const k = Math.sqrt(zoom);
    for (const [c, r] of circles) c.setAttribute('r', String(r / k));
    status.textContent = `Zoom ${Math.round(zoom * 10) / 10}×`;
  };
  const zoomBy = (factor, x = cx, y = cy) => {
    const next = Math.min(MAX_ZOOM, Math.max(1, zoom * factor));
    // Keep the point under the cursor where it is.
    cx = x + (cx - x) * (zoom / next);
    cy = y + (cy - y) * (zoom / next);
    zoom = next;
    apply();
  };

  const bar = document.createElement('div');
  bar.className = 'map-tools';
  bar.setAttribute('role', 'group');
  bar.setAttribute('aria-label', 'Map zoom');
  const button = (label, text, action) => {
    const b = document.createElement('button');
    b.type = 'button';
    b.className = 'secondary';
    b.textContent = text;
    b.setAttribute('aria-label', label);
    b.addEventListener('click', action);
    bar.append(b);
  };
  button('Zoom in', '+', () => zoomBy(2));
  button('Zoom out', '−', () => zoomBy(0.5));
  button('Reset zoom to the whole world', 'Reset', () => { zoom = 1; cx = W / 2; cy = H / 2; apply(); });
  const status = document.createElement('span');
  status.className = 'map-status';
  status.setAttribute('aria-live', 'polite');
  bar.append(status);
  svg.parentElement.prepend(bar);

  const toMap = (event) => new DOMPoint(event.clientX, event.clientY).matrixTransform(svg.getScreenCTM().inverse());
  let drag = null;
  let moved = false;
  svg.addEventListener('pointerdown', (event) => {
    if (event.button !== 0) return;
    drag = toMap(event);
    moved = false;
  });
  svg.addEventListener('pointermove', (event) => {
    if (!drag) return;
    const p = toMap(event);
    if (Math.hypot(p.x - drag.x, p.y - drag.y) < 2 && !moved) return;
    moved = true;
    cx -= p.x - drag.x;
    cy -= p.y - drag.y;
    apply();
  });
  svg.addEventListener('pointerup', () => { drag = null; });
  svg.addEventListener('pointerleave', () => { drag = null; });
  svg.addEventListener('click', (event) => { if (moved) { event.preventDefault(); moved = false; } }, true);
  svg.addEventListener('dblclick', (event) => {
    event.preventDefault();
    const p = toMap(event);
    zoomBy(2, p.x, p.y);
  });
  const frame = svg.parentElement;
  frame.tabIndex = 0;
  frame.setAttribute('role', 'group');
  frame.setAttribute('aria-label', 'World map: + and − zoom, arrow keys move');
  frame.addEventListener('keydown', (event) => {
    if (event.target !== frame) return;
    const stepX = W / zoom / 8;
    const stepY = H / zoom / 8;
    const keys = { '+': () => zoomBy(2), '=': () => zoomBy(2), '-': () => zoomBy(0.5), ArrowLeft: () => { cx -= stepX; apply(); }, ArrowRight: () => { cx += stepX; apply(); }, ArrowUp: () => { cy -= stepY; apply(); }, ArrowDown: () => { cy += stepY; apply(); } };
    const action = keys[event.key];
    if (action) { event.preventDefault(); action(); }
  });
  apply();
}

enhance();
document.addEventListener('archivum:content', enhance);
