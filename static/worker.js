// A Stride landscape worker: it loads the page's own wasm module through the page's glue (both
// sent in the first message), says it is ready, then answers each message with the losses at a
// slice of a landscape grid, or with one run of the LR sweep. See src/ui/workers.rs.
let ready = null;
self.onmessage = async (e) => {
  const m = e.data;
  if (m.glue) {
    ready = import(m.glue).then(async (g) => {
      await g.default({ module_or_path: m.module });
      self.postMessage({ ready: true });
      return g;
    });
    return;
  }
  const g = await ready;
  let values;
  try {
    values =
      m.sweep !== undefined
        ? g.stride_sweep_point(m.query, m.lr0)
        : g.stride_plane_losses(m.spec, m.origin, m.d1, m.d2, m.axes, m.start, m.end);
  } catch (err) {
    console.error("stride worker:", err && err.stack ? err.stack : err);
    throw err;
  }
  if (m.sweep !== undefined) {
    self.postMessage({ sweep: m.sweep, index: m.index, values }, [values.buffer]);
  } else {
    self.postMessage({ job: m.job, start: m.start, values }, [values.buffer]);
  }
};
