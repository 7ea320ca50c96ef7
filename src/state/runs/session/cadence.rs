//! Frame pacing: whether an animation frame trains or draws what the frame before trained.

/// How the page paces its animation frames while a network trains live: a frame either trains
/// (for its time budget) or draws what the frame before trained, not both. Training and
/// drawing together took over a frame's 16.7 ms (on the conv net at devicePixelRatio 2, where
/// every changed canvas has four times the pixels, about 8 ms of training, 5 of scene and
/// charts and 10 of the browser's commit), so each frame took two display refreshes and the
/// page answered the pointer at 30 Hz; alternating keeps every frame within one refresh for
/// the same training per second, and the charts still move 30 times a second. Anything else
/// (a few cheap iterations a frame, runs computed at once and revealed, a landscape filling,
/// a sweep) trains and draws in every frame, so a speed of n iterations a frame keeps its
/// meaning.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Cadence {
    /// The last frame trained and nothing has drawn it yet.
    undrawn: bool,
}

/// What one frame does, from [`Cadence::next`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FrameWork {
    /// Advance the session ([`Session::frame`](super::Session::frame)).
    pub train: bool,
    /// Build the scene and draw it.
    pub draw: bool,
}

impl Cadence {
    /// This frame's work, given whether a network is training live
    /// ([`Session::trains_live`](super::Session::trains_live)).
    pub fn next(&mut self, live: bool) -> FrameWork {
        let work = match (live, self.undrawn) {
            (true, true) => FrameWork {
                train: false,
                draw: true,
            },
            (true, false) => FrameWork {
                train: true,
                draw: false,
            },
            (false, _) => FrameWork {
                train: true,
                draw: true,
            },
        };
        self.undrawn = work.train && !work.draw;
        work
    }
}
