// A small unified diff (Myers' O(ND) line diff, 3 lines of context) for --fix-dry-run; output applies with
// `git apply` or `patch -p1`. Fixes change a few lines, so D stays small even in large files.

type Operation = { type: ' ' | '-' | '+'; line: string };

export function splitLines(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

/** The shortest edit script from `a` to `b` (Myers 1986, with the trace kept for the walk back). */
function diffLines(a: readonly string[], b: readonly string[]): Operation[] {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  let found = false;
  for (let d = 0; d <= max && !found; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1]) ? v[offset + k + 1] : v[offset + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        found = true;
        break;
      }
    }
  }
  const operations: Operation[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d >= 0; d--) {
    const previous = trace[d];
    const k = x - y;
    const down = k === -d || (k !== d && previous[offset + k - 1] < previous[offset + k + 1]);
    const previousK = down ? k + 1 : k - 1;
    const previousX = previous[offset + previousK];
    const previousY = previousX - previousK;
    while (x > previousX && y > previousY) operations.push({ type: ' ', line: a[--x] }), y--;
    if (d > 0) {
      if (down) operations.push({ type: '+', line: b[--y] });
      else operations.push({ type: '-', line: a[--x] });
    }
  }
  return operations.reverse();
}

function range(start: number, count: number): string {
  // An empty range names the line before it (unified diff convention); a single line omits the count.
  if (count === 0) return `${start - 1},0`;
  return count === 1 ? `${start}` : `${start},${count}`;
}

function render(operation: Operation): string {
  const body = operation.line.endsWith('\n') ? operation.line : `${operation.line}\n\\ No newline at end of file\n`;
  return operation.type + body;
}

/** A unified diff of two texts, or '' when they are equal. `name` is the path shown after a/ and b/. */
export function unifiedDiff(name: string, before: string, after: string, context = 3): string {
  if (before === after) return '';
  const operations = diffLines(splitLines(before), splitLines(after));
  const hunks: string[] = [];
  let index = 0;
  let oldLine = 1;
  let newLine = 1;
  // Positions (in old and new line numbers) at the start of each operation.
  const positions = operations.map((operation) => {
    const at = { old: oldLine, new: newLine };
    if (operation.type !== '+') oldLine++;
    if (operation.type !== '-') newLine++;
    return at;
  });
  while (index < operations.length) {
    while (index < operations.length && operations[index].type === ' ') index++;
    if (index >= operations.length) break;
    const start = Math.max(0, index - context);
    let end = index;
    // Extend the hunk while the next change is within 2 * context unchanged lines.
    for (;;) {
      while (end < operations.length && operations[end].type !== ' ') end++;
      let next = end;
      while (next < operations.length && operations[next].type === ' ') next++;
      if (next < operations.length && next - end <= 2 * context) end = next;
      else break;
    }
    const stop = Math.min(operations.length, end + context);
    const slice = operations.slice(start, stop);
    const oldCount = slice.filter((operation) => operation.type !== '+').length;
    const newCount = slice.filter((operation) => operation.type !== '-').length;
    const header = `@@ -${range(positions[start].old, oldCount)} +${range(positions[start].new, newCount)} @@\n`;
    hunks.push(header + slice.map(render).join(''));
    index = stop;
  }
  return `--- a/${name}\n+++ b/${name}\n${hunks.join('')}`;
}
