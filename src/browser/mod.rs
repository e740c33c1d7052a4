//! Browser glue that the views and transports share: the real clock and `Intl`
//! formatting. Compiled for wasm32 only.

pub mod clock;
pub mod intl;
pub mod storage;
pub mod text;
