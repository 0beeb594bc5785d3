// Archivum network: pointing at or focusing a person highlights their correspondents and the
// letters between them. The graph, its links and the tables work without this script.
function enhance() {
  const svg = document.querySelector('.network-graph');
  if (!svg || svg.dataset.enhanced) return;
  svg.dataset.enhanced = 'true';
  const edges = [...svg.querySelectorAll('a.edge')];
  const nodes = new Map([...svg.querySelectorAll('a.node')].map((n) => [n.dataset.id, n]));
  const clear = () => {
    svg.classList.remove('focused');
    for (const el of svg.querySelectorAll('.hl')) el.classList.remove('hl');
  };
  const highlight = (id) => {
    clear();
    svg.classList.add('focused');
    nodes.get(id)?.classList.add('hl');
    for (const e of edges) {
      if (e.dataset.from !== id && e.dataset.to !== id) continue;
      e.classList.add('hl');
      nodes.get(e.dataset.from)?.classList.add('hl');
      nodes.get(e.dataset.to)?.classList.add('hl');
    }
  };
  for (const [id, node] of nodes) {
    node.addEventListener('pointerenter', () => highlight(id));
    node.addEventListener('focus', () => highlight(id));
    node.addEventListener('pointerleave', clear);
    node.addEventListener('blur', clear);
  }
}

enhance();
document.addEventListener('archivum:content', enhance);
