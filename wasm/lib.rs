//! The npm package's WebAssembly module: decant's JavaScript API
//! (`decant::wasm`), linked here with the encoding shim.
pub use decant::wasm::*;
