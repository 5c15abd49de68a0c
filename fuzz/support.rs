//! Shared by the provider targets: one gateway per registered provider, built from its built-in
//! sandbox profile (fixed, published test keys), so new providers are fuzzed automatically.

use paycli::config::Profile;
use paycli::providers::{self, CheckoutInput, Gateway};
use std::sync::OnceLock;

pub fn gateways() -> &'static [Box<dyn Gateway>] {
    static G: OnceLock<Vec<Box<dyn Gateway>>> = OnceLock::new();
    G.get_or_init(|| {
        providers::all()
            .iter()
            .map(|p| {
                let table = p.sandbox_profile("http://127.0.0.1:1");
                let profile = Profile::from_table(&format!("sandbox-{}", p.id()), table).expect("built-in profile");
                p.gateway(&profile).expect("built-in profile makes a gateway")
            })
            .collect()
    })
}

#[allow(dead_code)] // used by some targets only
pub fn inputs() -> &'static [CheckoutInput] {
    static I: OnceLock<Vec<CheckoutInput>> = OnceLock::new();
    I.get_or_init(|| {
        providers::all()
            .iter()
            .map(|p| CheckoutInput { order_id: "PC2407300831ABCDEF".into(), ..p.demo_checkout() })
            .collect()
    })
}
