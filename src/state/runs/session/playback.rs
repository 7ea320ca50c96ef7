//! Play, pause and the speed: how many iterations each animation frame takes.

/// Whether the runs train (or, computed at once, are revealed) and how fast.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Playback {
    /// Advancing frame by frame.
    pub playing: bool,
    /// Iterations per frame (0: as many as the frame's budget allows; for runs computed at
    /// once, the whole run in two seconds; [`SLOW`]: one every [`SLOW_FRAMES`] frames).
    pub speed: usize,
    /// Frames since the last step at [`SLOW`].
    waited: usize,
}

/// The speed that takes one step every [`SLOW_FRAMES`] frames: a student who wants to watch
/// each step of the zig-zag found one a frame (100 steps in under two seconds) too fast.
pub const SLOW: usize = usize::MAX;

/// Iterations per frame offered by the speed menu (0: as many as the frame budget allows),
/// with their names. Every speed a task starts at is among them: the toy tasks' 8 was not, and
/// the menu showed its first entry, "¼ / frame", beside a run going at 8 a frame.
pub const SPEEDS: [(usize, &str); 7] = [
    (SLOW, "¼ / frame"),
    (1, "1 / frame"),
    (4, "4 / frame"),
    (8, "8 / frame"),
    (16, "16 / frame"),
    (64, "64 / frame"),
    (0, "as fast as possible"),
];

/// Frames per step at [`SLOW`]: 15 steps a second at 60 frames a second.
pub const SLOW_FRAMES: usize = 4;

/// Frames over which [`Playback::speed`] 0 reveals a run computed at once: two seconds at 60
/// frames a second. In one second a student never saw the path crawl or zig-zag
/// ("you never see a run animate").
pub const REVEAL_FRAMES: usize = 120;

/// The speed menu for a task whose runs are computed at once (`at_once`) or trained live: for
/// the first, speed 0 reveals the whole run in [`REVEAL_FRAMES`], and says so, not "as fast
/// as possible" (a student read that as a run too fast to watch, and never tried another).
pub fn speed_menu(at_once: bool) -> [(usize, &'static str); 7] {
    let mut menu = SPEEDS;
    if at_once {
        menu[6].1 = "whole run in 2 s";
    }
    menu
}

impl Playback {
    /// Playing, at `speed`.
    pub fn new(speed: usize) -> Self {
        Self {
            playing: true,
            speed,
            waited: 0,
        }
    }

    /// The iterations this frame takes: 0 while paused, `usize::MAX` for as many as the
    /// frame's budget allows. At [`SLOW`] the first frame after play steps at once.
    pub fn take(&mut self) -> usize {
        if !self.playing {
            return 0;
        }
        match self.speed {
            SLOW => {
                let go = self.waited == 0;
                self.waited = (self.waited + 1) % SLOW_FRAMES;
                usize::from(go)
            }
            0 => usize::MAX,
            n => n,
        }
    }

    /// A new speed, counted from this frame.
    pub fn set_speed(&mut self, speed: usize) {
        self.speed = speed;
        self.waited = 0;
    }
}
