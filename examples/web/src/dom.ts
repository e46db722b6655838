/** Tiny DOM helpers: elements from tag + attributes + children, and a table from JSON rows. */
type Child = Node | string | number | null | undefined | false;
type Attrs = Record<string, string | number | boolean | ((e: Event) => void) | undefined>;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    if (typeof value === 'function') el.addEventListener(name.replace(/^on/, '').toLowerCase(), value);
    else if (value === true) el.setAttribute(name, '');
    else el.setAttribute(name, String(value));
  }
  append(el, children);
  return el;
}

export function append(el: Element, children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    el.append(typeof child === 'string' || typeof child === 'number' ? String(child) : child);
  }
}

export function replace(el: Element, ...children: Child[]): void {
  el.replaceChildren();
  append(el, children);
}

/** A cell's text: null as an em dash, objects as JSON. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** A table of result rows (objects column → value); columns in first-seen order. */
export function rowsTable(rows: readonly unknown[], testId: string, columns?: readonly string[]): HTMLTableElement {
  const cols = columns ? [...columns] : [];
  if (!columns) {
    for (const row of rows) {
      if (row && typeof row === 'object') for (const key of Object.keys(row)) if (!cols.includes(key)) cols.push(key);
    }
  }
  return h(
    'table',
    { 'data-testid': testId },
    h('thead', {}, h('tr', {}, ...cols.map((c) => h('th', { scope: 'col' }, c)))),
    h(
      'tbody',
      {},
      ...rows.map((row) =>
        h(
          'tr',
          {},
          ...cols.map((c) =>
            h('td', {}, cellText(row && typeof row === 'object' ? (row as Record<string, unknown>)[c] : undefined)),
          ),
        ),
      ),
    ),
  );
}

/** An error message for a failed operation: the GraphQL error's code and message. */
export function errorBox(
  error: { graphQLErrors?: ReadonlyArray<{ message: string; extensions?: Record<string, unknown> }>; message: string },
  testId: string,
): HTMLElement {
  const first = error.graphQLErrors?.[0];
  const code = first?.extensions?.['code'];
  return h(
    'p',
    { class: 'error', 'data-testid': testId, role: 'alert' },
    typeof code === 'string' ? h('code', {}, code) : null,
    ' ',
    first?.message ?? error.message,
  );
}
