//! The one source of randomness. Every data set, initialisation and shuffle is drawn from a
//! [`StrideRng`] seeded from the `seed` in the URL, so the same URL gives the same data, initial
//! weights and data order in every browser and natively (natively, the math library's `exp` and
//! `ln` may round differently in the last bit).

use rand::SeedableRng;

/// PCG32, XSH RR with 64-bit state and 32-bit output (O'Neill 2014, "PCG: A Family of Simple
/// Fast Space-Efficient Statistically Good Algorithms for Random Number Generation"). Portable
/// and fully specified, so results do not depend on the platform. Not a 128-bit-state PCG: wasm
/// has no 64×64→128-bit multiply, so those call a software routine on every draw, and the
/// per-epoch reshuffle then took half of the line task's time in the browser.
pub type StrideRng = rand_pcg::Pcg32;

/// The generator for `seed`. Seeds are expanded with PCG32 as `rand_core::SeedableRng::seed_from_u64`
/// documents, so nearby seeds give unrelated streams.
pub fn seeded(seed: u64) -> StrideRng {
    StrideRng::seed_from_u64(seed)
}
