// Archivum timeline: drag across the bars (brushing) to select a range; the list below is
// filtered and the chart zooms to it, without a reload (through enhance.js). A click on one bar still
// follows its link, and keyboard users have the bar links and the From/To fields.

function svgX(svg, clientX) {
  const point = new DOMPoint(clientX, 0).matrixTransform(svg.getScreenCTM().inverse());
  return point.x;
}

function enhance() {
  const svg = document.getElementById('timeline-chart');
  if (!svg || svg.dataset.enhanced) return;
  svg.dataset.enhanced = 'true';
  const width = svg.viewBox.baseVal.width;
  const count = Number(svg.dataset.count) || 1;
  const step = width / count;
  const bars = [...svg.querySelectorAll('[data-index]')];
  let start = null;
  let brush = null;
  let dragged = false;

  svg.addEventListener('pointerdown', (event) => {
    if (event.button !== 0 || event.pointerType === 'touch') return;
    start = svgX(svg, event.clientX);
    dragged = false;
  });
  svg.addEventListener('pointermove', (event) => {
    if (start === null) return;
    const x = svgX(svg, event.clientX);
    if (!dragged && Math.abs(x - start) < step / 2) return;
    if (!dragged) svg.setPointerCapture(event.pointerId);
    dragged = true;
    if (!brush) {
      brush = document.createElementNS('http://www.w3.org/2000/svg', 'rect');
      brush.setAttribute('class', 'brush');
      brush.setAttribute('y', '0');
      brush.setAttribute('height', String(svg.viewBox.baseVal.height - 26));
      svg.append(brush);
    }
    brush.setAttribute('x', String(Math.max(0, Math.min(start, x))));
    brush.setAttribute('width', String(Math.abs(x - start)));
  });
  const finish = (event) => {
    if (start === null) return;
    const x = svgX(svg, event.clientX);
    const from = Math.max(0, Math.floor(Math.min(start, x) / step));
    const to = Math.min(count - 1, Math.floor(Math.max(start, x) / step));
    start = null;
    if (!dragged) return;
    const first = bars.find((b) => Number(b.dataset.index) === from);
    const last = bars.find((b) => Number(b.dataset.index) === to);
    if (!first || !last) return;
    const url = new URL(location.href);
    url.searchParams.set('from', first.dataset.start);
    url.searchParams.set('to', last.dataset.end);
    url.searchParams.delete('unit');
    url.searchParams.delete('page');
    // enhance.js loads the new view in place (or the browser does, if it is missing).
    const request = new CustomEvent('archivum:navigate', { detail: url.href, cancelable: true });
    if (document.dispatchEvent(request)) location.assign(url.href);
  };
  svg.addEventListener('pointerup', finish);
  svg.addEventListener('pointercancel', () => { start = null; brush?.remove(); brush = null; });
  // A drag that ends over a bar must not also follow that bar's link.
  svg.addEventListener('click', (event) => { if (dragged) { event.preventDefault(); dragged = false; } }, true);
}

enhance();
document.addEventListener('archivum:content', enhance);
