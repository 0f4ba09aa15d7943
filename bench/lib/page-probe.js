// Injected into every page of the browser figure (page.addInitScript) before the app's own
// scripts. Plain JavaScript on purpose: tsx would add helpers to a TypeScript function that do not
// exist in the page. Times are performance.now(), i.e. milliseconds since navigation start.
(() => {
  const INITIAL_TRANSFORM = 'translate(0px, 0px) scale(1)';
  const probe = {
    /** First frame with [data-app-state=ready]: the app shell is up. */
    readyAt: undefined,
    /** First frame with at least one contact card. */
    firstCardAt: undefined,
    /** How many cards that first frame held. */
    firstCards: 0,
    /**
     * First frame of the map as it stays: React Flow's initial fitView has moved the viewport off
     * its initial transform, and the viewport transform and the number of drawn contact cards
     * were then the same for two more frames.
     */
    drawnAt: undefined,
    drawnCards: 0,
    drawnTransform: '',
    frames: null,
  };
  let candidate = null;
  let same = 0;
  const watch = () => {
    const now = performance.now();
    if (probe.readyAt === undefined && document.querySelector('[data-app-state="ready"]')) probe.readyAt = now;
    const viewport = document.querySelector('.react-flow__viewport');
    const cards = document.querySelectorAll('[data-testid="contact-card"]').length;
    if (cards > 0 && probe.firstCardAt === undefined) {
      probe.firstCardAt = now;
      probe.firstCards = cards;
    }
    const transform = viewport ? viewport.style.transform : '';
    if (viewport && cards > 0 && transform !== '' && transform !== INITIAL_TRANSFORM) {
      if (candidate && candidate.transform === transform && candidate.cards === cards) {
        same += 1;
        if (same >= 2) {
          probe.drawnAt = candidate.at;
          probe.drawnCards = cards;
          probe.drawnTransform = transform;
          return;
        }
      } else {
        candidate = { at: now, transform, cards };
        same = 0;
      }
    } else {
      candidate = null;
      same = 0;
    }
    requestAnimationFrame(watch);
  };
  requestAnimationFrame(watch);

  /** Records the time between consecutive animation frames until stopFrames(). */
  probe.startFrames = () => {
    const deltas = [];
    let last = undefined;
    let running = true;
    const tick = (t) => {
      if (!running) return;
      if (last !== undefined) deltas.push(t - last);
      last = t;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    probe.frames = {
      stop: () => {
        running = false;
        return deltas;
      },
    };
  };
  probe.stopFrames = () => (probe.frames ? probe.frames.stop() : []);
  window.__bench = probe;
})();
