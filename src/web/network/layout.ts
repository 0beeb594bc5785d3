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
  /** Drawn radius: nodes are kept at least this far (plus room for a label) from each other. */
  radius?: number;
}

export interface LayoutEdge {
  from: string;
  to: string;
  weight: number;
}

interface Component {
  nodes: LayoutNode[];
  /** Positions in a box of side `size`, and that size. */
  pos: Map<string, [number, number]>;
  size: number;
}

/** Splits the graph into its connected groups of correspondents (union–find). */
function components(nodes: LayoutNode[], edges: LayoutEdge[]): LayoutNode[][] {
  const parent = new Map(nodes.map((n) => [n.id, n.id]));
  const find = (id: string): string => {
    let root = id;
    while (parent.get(root) !== root) root = parent.get(root)!;
    parent.set(id, root);
    return root;
  };
  for (const e of edges) {
    if (!parent.has(e.from) || !parent.has(e.to)) continue;
    parent.set(find(e.from), find(e.to));
  }
  const groups = new Map<string, LayoutNode[]>();
  for (const n of nodes) {
    const root = find(n.id);
    groups.set(root, [...(groups.get(root) ?? []), n]);
  }
  return [...groups.values()].sort((a, b) => b.length - a.length || b.reduce((s, n) => s + n.weight, 0) - a.reduce((s, n) => s + n.weight, 0));
}

/** Fruchterman–Reingold for one connected group, in a square of side `size`. */
function layoutComponent(nodes: LayoutNode[], edges: LayoutEdge[], size: number, steps: number): Map<string, [number, number]> {
  const n = nodes.length;
  const out = new Map<string, [number, number]>();
  const c = size / 2;
  if (n === 1) {
    out.set(nodes[0]!.id, [c, c]);
    return out;
  }
  if (n === 2) {
    // A pair stacks vertically, so the names (drawn to the right of each circle) do not collide.
    out.set(nodes[0]!.id, [c, 0]);
    out.set(nodes[1]!.id, [c, 70]);
    return out;
  }
  const index = new Map(nodes.map((node, i) => [node.id, i]));
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  nodes.forEach((_, i) => {
    const angle = (2 * Math.PI * i) / n;
    x[i] = c + Math.cos(angle) * (size / 3);
    y[i] = c + Math.sin(angle) * (size / 3);
  });
  const k = Math.sqrt((size * size) / n) * 0.8;
  const links = edges.flatMap((e) => {
    const a = index.get(e.from);
    const b = index.get(e.to);
    return a === undefined || b === undefined || a === b ? [] : [{ a, b }];
  });
  let temperature = size / 6;
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
    for (const { a, b } of links) {
      const ddx = x[a]! - x[b]!;
      const ddy = y[a]! - y[b]!;
      const dist = Math.max(0.01, Math.hypot(ddx, ddy));
      const force = (dist * dist) / k;
      dx[a]! -= (ddx / dist) * force;
      dy[a]! -= (ddy / dist) * force;
      dx[b]! += (ddx / dist) * force;
      dy[b]! += (ddy / dist) * force;
    }
    for (let i = 0; i < n; i++) {
      dx[i]! += (c - x[i]!) * 0.05;
      dy[i]! += (c - y[i]!) * 0.05;
      const len = Math.hypot(dx[i]!, dy[i]!);
      if (len > 0) {
        x[i]! += (dx[i]! / len) * Math.min(len, temperature);
        y[i]! += (dy[i]! / len) * Math.min(len, temperature);
      }
    }
    temperature = Math.max(0.5, temperature * 0.98);
  }
  nodes.forEach((node, i) => out.set(node.id, [x[i]!, y[i]!]));
  return out;
}

/**
 * Lays out the network: each connected group of correspondents on its own (so a pair who only
 * wrote to each other does not push the main group into a corner), the groups then packed in
 * rows, biggest first, and the whole fitted to the frame; finally overlapping circles are
 * pushed apart.
 */
export function forceLayout(nodes: LayoutNode[], edges: LayoutEdge[], width: number, height: number, margin: number, steps = 300): Map<string, [number, number]> {
  const out = new Map<string, [number, number]>();
  if (nodes.length === 0) return out;
  const parts: Component[] = components(nodes, edges).map((group) => {
    const size = 100 * Math.sqrt(group.length);
    const ids = new Set(group.map((n) => n.id));
    const pos = layoutComponent(group, edges.filter((e) => ids.has(e.from) && ids.has(e.to)), size, steps);
    // Trim the box to what the layout used.
    const xs = [...pos.values()].map((p) => p[0]);
    const ys = [...pos.values()].map((p) => p[1]);
    const [minX, minY] = [Math.min(...xs), Math.min(...ys)];
    const side = Math.max(70, Math.max(...xs) - minX, Math.max(...ys) - minY);
    for (const [id, p] of pos) pos.set(id, [p[0] - minX, p[1] - minY]);
    return { nodes: group, pos, size: side };
  });
  // Shelf packing: rows as wide as the biggest group allows for the frame's proportions.
  const rowWidth = Math.max(parts[0]!.size + 180, Math.sqrt(parts.reduce((s, p) => s + (p.size + 180) * (p.size + 60), 0) * (width / height)));
  let cx = 0;
  let cy = 0;
  let rowHeight = 0;
  const placed: [number, number][] = [];
  for (const part of parts) {
    if (cx > 0 && cx + part.size > rowWidth) {
      cx = 0;
      cy += rowHeight + 60;
      rowHeight = 0;
    }
    placed.push([cx, cy]);
    // Room to the right of each group for the names.
    cx += part.size + 180;
    rowHeight = Math.max(rowHeight, part.size);
  }
  const totalW = Math.max(...parts.map((p, i) => placed[i]![0] + p.size));
  const totalH = Math.max(...parts.map((p, i) => placed[i]![1] + p.size));
  const scale = Math.min((width - 2 * margin) / Math.max(1, totalW), (height - 2 * margin) / Math.max(1, totalH), 3);
  const offX = (width - totalW * scale) / 2;
  const offY = (height - totalH * scale) / 2;
  const px: number[] = [];
  const py: number[] = [];
  const all: LayoutNode[] = [];
  parts.forEach((part, i) => {
    for (const node of part.nodes) {
      const p = part.pos.get(node.id)!;
      all.push(node);
      px.push(offX + (placed[i]![0] + p[0]) * scale);
      py.push(offY + (placed[i]![1] + p[1]) * scale);
    }
  });
  // Nodes that still overlap are pushed apart (the biggest correspondents tend to collide).
  const n = all.length;
  const gap = 18;
  for (let pass = 0; pass < 80; pass++) {
    let moved = false;
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        const min = (all[i]!.radius ?? 6) + (all[j]!.radius ?? 6) + gap;
        let ddx = px[j]! - px[i]!;
        let ddy = py[j]! - py[i]!;
        let dist = Math.hypot(ddx, ddy);
        if (dist >= min) continue;
        if (dist < 0.01) {
          ddx = 1;
          ddy = (i % 2) - 0.5;
          dist = Math.hypot(ddx, ddy);
        }
        const push = (min - dist) / 2;
        px[i]! -= (ddx / dist) * push;
        py[i]! -= (ddy / dist) * push;
        px[j]! += (ddx / dist) * push;
        py[j]! += (ddy / dist) * push;
        moved = true;
      }
    }
    for (let i = 0; i < n; i++) {
      px[i] = Math.min(width - margin / 2, Math.max(margin / 2, px[i]!));
      py[i] = Math.min(height - margin / 2, Math.max(margin / 2, py[i]!));
    }
    if (!moved) break;
  }
  all.forEach((node, i) => out.set(node.id, [px[i]!, py[i]!]));
  return out;
}
