/**
 * A small, deterministic force-directed layout (Fruchterman–Reingold) computed on the server, so
 * the network is a plain SVG that needs no script and looks the same on every load. Nodes start
 * on a circle in the order given (heaviest correspondents first); a fixed number of cooling steps
 * pulls linked people together and pushes the rest apart. Fine for the few hundred nodes a
 * readable network has; O(n²) per step.
 */
export interface LayoutNode {
  id: string;
  weight: number;
}

export interface LayoutEdge {
  from: string;
  to: string;
  weight: number;
}

export function forceLayout(nodes: LayoutNode[], edges: LayoutEdge[], width: number, height: number, margin: number, steps = 300): Map<string, [number, number]> {
  const n = nodes.length;
  const out = new Map<string, [number, number]>();
  if (n === 0) return out;
  const cx = width / 2;
  const cy = height / 2;
  if (n === 1) {
    out.set(nodes[0]!.id, [cx, cy]);
    return out;
  }
  const index = new Map(nodes.map((node, i) => [node.id, i]));
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  nodes.forEach((_, i) => {
    const angle = (2 * Math.PI * i) / n;
    x[i] = cx + Math.cos(angle) * (width / 3);
    y[i] = cy + Math.sin(angle) * (height / 3);
  });
  const k = Math.sqrt(((width - 2 * margin) * (height - 2 * margin)) / n) * 0.75;
  const links = edges.flatMap((e) => {
    const a = index.get(e.from);
    const b = index.get(e.to);
    return a === undefined || b === undefined || a === b ? [] : [{ a, b, w: 1 + Math.log(e.weight) }];
  });
  let temperature = width / 8;
  const dx = new Float64Array(n);
  const dy = new Float64Array(n);
  for (let step = 0; step < steps; step++) {
    dx.fill(0);
    dy.fill(0);
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        let ddx = x[i]! - x[j]!;
        let ddy = y[i]! - y[j]!;
        let dist = Math.hypot(ddx, ddy);
        if (dist < 0.01) {
          // Coincident nodes: separate them along a fixed direction, never randomly.
          ddx = 0.01 * ((i % 3) - 1 || 1);
          ddy = 0.01;
          dist = Math.hypot(ddx, ddy);
        }
        const force = (k * k) / dist;
        dx[i]! += (ddx / dist) * force;
        dy[i]! += (ddy / dist) * force;
        dx[j]! -= (ddx / dist) * force;
        dy[j]! -= (ddy / dist) * force;
      }
    }
    for (const { a, b, w } of links) {
      const ddx = x[a]! - x[b]!;
      const ddy = y[a]! - y[b]!;
      const dist = Math.max(0.01, Math.hypot(ddx, ddy));
      const force = ((dist * dist) / k) * Math.min(2, w) * 0.5;
      dx[a]! -= (ddx / dist) * force;
      dy[a]! -= (ddy / dist) * force;
      dx[b]! += (ddx / dist) * force;
      dy[b]! += (ddy / dist) * force;
    }
    for (let i = 0; i < n; i++) {
      // A weak pull to the centre keeps separate groups of correspondents on the canvas.
      dx[i]! += (cx - x[i]!) * 0.02 * k * 0.05;
      dy[i]! += (cy - y[i]!) * 0.02 * k * 0.05;
      const len = Math.hypot(dx[i]!, dy[i]!);
      if (len > 0) {
        x[i]! += (dx[i]! / len) * Math.min(len, temperature);
        y[i]! += (dy[i]! / len) * Math.min(len, temperature);
      }
    }
    temperature = Math.max(0.5, temperature * 0.985);
  }
  // Fit the result into the frame, keeping its proportions.
  let minX = Infinity, maxX = -Infinity, minY = Infinity, maxY = -Infinity;
  for (let i = 0; i < n; i++) {
    minX = Math.min(minX, x[i]!);
    maxX = Math.max(maxX, x[i]!);
    minY = Math.min(minY, y[i]!);
    maxY = Math.max(maxY, y[i]!);
  }
  const scale = Math.min((width - 2 * margin) / Math.max(1, maxX - minX), (height - 2 * margin) / Math.max(1, maxY - minY));
  const offX = (width - (maxX - minX) * scale) / 2;
  const offY = (height - (maxY - minY) * scale) / 2;
  nodes.forEach((node, i) => out.set(node.id, [offX + (x[i]! - minX) * scale, offY + (y[i]! - minY) * scale]));
  return out;
}
