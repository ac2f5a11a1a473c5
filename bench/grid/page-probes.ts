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
