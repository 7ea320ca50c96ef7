//! The one source of randomness. Every data set, initialisation and shuffle is drawn from a
//! [`StrideRng`] seeded from the `seed` in the URL, so the same URL gives the same run in every
//! browser and natively.

use rand::SeedableRng;

/// A PCG generator (O'Neill 2014, "PCG: A Family of Simple Fast Space-Efficient Statistically
/// Good Algorithms for Random Number Generation"), 64-bit output, 128-bit state, MCG variant.
/// Portable and fully specified, so results do not depend on the platform.
pub type StrideRng = rand_pcg::Pcg64Mcg;

/// The generator for `seed`. Seeds are expanded with PCG32 as `rand_core::SeedableRng::seed_from_u64`
/// documents, so nearby seeds give unrelated streams.
pub fn seeded(seed: u64) -> StrideRng {
    StrideRng::seed_from_u64(seed)
}
