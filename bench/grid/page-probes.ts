/**
 * Scripts evaluated inside the page. They are plain JavaScript source, not functions: tsx compiles
 * functions with name helpers (__name) that do not exist in the page. Times are the page's own
 * performance.now(): from an input event to the frame after the grid shows what it asked for
 * (requestAnimationFrame runs before the paint; the task queued from it runs after).
 */

/** Clicks Credentials in the navigation; resolves with ms until the first data row is painted. */
export const CLICK_TO_FIRST_ROW = `new Promise((resolve) => {
  const ready = () => {
    const cell = document.querySelector('[role="grid"] [role="row"][aria-rowindex="2"] [role="gridcell"]');
    return cell !== null && cell.textContent !== 'Loading…';
  };
  const started = performance.now();
  const observer = new MutationObserver(() => {
    if (!ready()) return;
    observer.disconnect();
    requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - started), 0));
  });
  observer.observe(document.body, { subtree: true, childList: true, characterData: true });
  [...document.querySelectorAll('nav[aria-label="Main"] button')].find((b) => b.textContent === 'Credentials').click();
})`;

/**
 * Arms a probe for the next keystroke in the search box: keydown's timestamp, then the moment the
 * grid shows the query for the box's new value (data-shown-search, current generation), painted.
 */
export const ARM_KEYSTROKE_PROBE = `(() => {
  const input = document.querySelector('input[aria-label="Search credentials"]');
  const grid = document.querySelector('[role="grid"]');
  window.__latency = new Promise((resolve) => {
    input.addEventListener('keydown', (event) => {
      const down = event.timeStamp;
      const done = () => {
        const shows = grid.dataset.shownSearch === input.value.trim() && grid.dataset.shownGeneration === grid.dataset.queryGeneration;
        if (!shows) return false;
        requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - down), 0));
        return true;
      };
      // The value changes after keydown: check from the next task on, then on each grid change.
      setTimeout(() => {
        if (done()) return;
        const observer = new MutationObserver(() => {
          if (done()) observer.disconnect();
        });
        observer.observe(grid, { attributes: true, subtree: true, childList: true });
      }, 0);
    }, { once: true });
  });
})()`;

export const AWAIT_KEYSTROKE_PROBE = 'window.__latency';

/**
 * Clicks the header named `label`; resolves with ms until the grid shows the re-sorted query
 * (a newer generation answered and its first row painted).
 */
export function clickHeaderToSorted(label: string): string {
  return `new Promise((resolve) => {
  const grid = document.querySelector('[role="grid"]');
  const before = Number(grid.dataset.queryGeneration);
  const header = [...grid.querySelectorAll('[role="columnheader"]')].find((h) => h.querySelector('.header-label')?.firstChild?.textContent === ${JSON.stringify(label)});
  const done = () => {
    const asked = Number(grid.dataset.queryGeneration);
    const cell = grid.querySelector('[role="row"][aria-rowindex="2"] [role="gridcell"]');
    if (!(asked > before && grid.dataset.shownGeneration === grid.dataset.queryGeneration && cell !== null && cell.textContent !== 'Loading…')) return false;
    requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - started), 0));
    return true;
  };
  const observer = new MutationObserver(() => {
    if (done()) observer.disconnect();
  });
  observer.observe(grid, { attributes: true, subtree: true, childList: true, characterData: true });
  const started = performance.now();
  header.click();
})`;
}

/**
 * Scrolls the grid from top to bottom in \`steps\` frames (one scroll position per animation frame,
 * like a dragged scrollbar), then back up a screen at a time for \`screens\` frames (like a held
 * Page Up). Resolves with each frame's work: from the frame's requestAnimationFrame callback that
 * moved the scroll position to the end of that frame's rendering (a message posted from the
 * callback runs after the frame is painted), and the interval between frames.
 */
export function scrollTopToBottom(steps: number, screens: number): string {
  return `new Promise((resolve) => {
  const scroller = document.querySelector('[role="grid"]');
  const bottom = scroller.scrollHeight - scroller.clientHeight;
  const positions = [];
  for (let i = 1; i <= ${steps}; i += 1) positions.push(Math.round((bottom * i) / ${steps}));
  for (let i = 1; i <= ${screens}; i += 1) positions.push(Math.max(0, bottom - i * scroller.clientHeight));
  const work = [];
  const intervals = [];
  let last;
  const channel = new MessageChannel();
  let frameStart = 0;
  channel.port1.onmessage = () => work.push(performance.now() - frameStart);
  const frame = (now) => {
    if (last !== undefined) intervals.push(now - last);
    last = now;
    const next = positions.shift();
    if (next === undefined) {
      setTimeout(() => resolve({ work, intervals, rows: Number(scroller.getAttribute('aria-rowcount')) - 1, bottom }), 50);
      return;
    }
    frameStart = performance.now();
    scroller.scrollTop = next;
    channel.port2.postMessage(0);
    requestAnimationFrame(frame);
  };
  scroller.scrollTop = 0;
  requestAnimationFrame(frame);
})`;
}
