//! The hosted checkout page every emulated provider serves at its `checkout_url`.

use super::{Order, OrderState};
use axum::http::StatusCode;
use axum::response::Html;

pub fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;").replace('\'', "&#39;")
}

/// "Rp 150.000", "₱50.00", "20.5 USDT": what a shopper expects to read.
pub fn format_amount(amount: &rust_decimal::Decimal, currency: &str) -> String {
    match currency.to_ascii_uppercase().as_str() {
        "IDR" => format!("Rp {}", group(&amount.trunc().to_string(), '.')),
        "PHP" => {
            let s = format!("{:.2}", amount.round_dp(2));
            let (int, frac) = s.split_once('.').unwrap_or((&s, "00"));
            format!("₱{}.{}", group(int, ','), frac)
        }
        other => format!("{} {}", amount.normalize(), other),
    }
}

fn group(digits: &str, sep: char) -> String {
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

pub fn render(order: &Order, channels: &[&str]) -> Html<String> {
    let title = format!("{} checkout", order.provider);
    let amount = format_amount(&order.amount, &order.currency);
    let action_base = format!("/_sandbox/orders/{}/{}", escape(&order.provider), escape(&order.id));
    let product = order.data.get("product").and_then(|v| v.as_str()).unwrap_or("Order");
    let body = match order.state {
        OrderState::Pending => {
            let options: String = channels
                .iter()
                .enumerate()
                .map(|(i, c)| {
                    format!(
                        "<label class=\"ch\"><input type=\"radio\" name=\"channel\" value=\"{c}\"{}> {c}</label>",
                        if i == 0 { " checked" } else { "" },
                        c = escape(c)
                    )
                })
                .collect();
            format!(
                r#"<form method="post" action="{action_base}/pay" id="pay-form">
  <fieldset><legend>Pay with</legend>{options}</fieldset>
  <button type="submit" id="pay">Pay {amount}</button>
</form>
<div class="row">
  <form method="post" action="{action_base}/fail"><button type="submit" id="fail" class="secondary">Simulate failure</button></form>
  <form method="post" action="{action_base}/expire"><button type="submit" id="expire" class="secondary">Let it expire</button></form>
</div>
<p class="muted">Expires in <span id="countdown" data-expires="{expires}">…</span></p>
<script>
(function () {{
  var el = document.getElementById('countdown');
  var end = Date.parse(el.dataset.expires);
  function tick() {{
    var s = Math.max(0, Math.floor((end - Date.now()) / 1000));
    el.textContent = Math.floor(s / 3600) + 'h ' + Math.floor(s % 3600 / 60) + 'm ' + (s % 60) + 's';
  }}
  tick(); setInterval(tick, 1000);
}})();
</script>"#,
                expires = order.expires_at.to_rfc3339(),
            )
        }
        OrderState::Paid => format!(
            "<p class=\"result ok\" id=\"result\">Paid with {}. You can close this page.</p>",
            escape(order.channel.as_deref().unwrap_or("-"))
        ),
        OrderState::Failed => "<p class=\"result bad\" id=\"result\">Payment failed.</p>".into(),
        OrderState::Expired => "<p class=\"result bad\" id=\"result\">This checkout has expired.</p>".into(),
    };
    Html(format!(
        r#"<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>
body {{ font-family: system-ui, sans-serif; background: #f4f5f7; margin: 0; }}
main {{ max-width: 26rem; margin: 3rem auto; background: #fff; border-radius: 12px; padding: 1.5rem 2rem; box-shadow: 0 2px 12px #0002; }}
h1 {{ font-size: 1rem; color: #555; margin: 0; }} .amount {{ font-size: 2rem; font-weight: 700; margin: .5rem 0 1rem; }}
dl {{ display: grid; grid-template-columns: auto 1fr; gap: .25rem 1rem; font-size: .9rem; }} dt {{ color: #777; }}
fieldset {{ border: 1px solid #ddd; border-radius: 8px; }} .ch {{ display: block; padding: .25rem 0; }}
button {{ width: 100%; padding: .75rem; border: 0; border-radius: 8px; background: #1a7f37; color: #fff; font-size: 1rem; margin-top: .75rem; cursor: pointer; }}
button.secondary {{ background: #eee; color: #333; font-size: .85rem; }} .row {{ display: flex; gap: .5rem; }} .row form {{ flex: 1; }}
.muted {{ color: #777; font-size: .85rem; }} .result {{ font-size: 1.2rem; padding: 1rem; border-radius: 8px; }}
.ok {{ background: #dafbe1; }} .bad {{ background: #ffebe9; }} .badge {{ font-size: .7rem; background: #fff3cd; padding: .1rem .4rem; border-radius: 4px; }}
</style></head>
<body><main>
<h1>{provider} <span class="badge">SANDBOX</span></h1>
<div class="amount" id="amount">{amount}</div>
<dl><dt>Order</dt><dd id="order">{merchant}</dd><dt>For</dt><dd>{product}</dd><dt>Reference</dt><dd>{id}</dd><dt>Status</dt><dd id="state">{state:?}</dd></dl>
{body}
</main></body></html>"#,
        provider = escape(&order.provider),
        merchant = escape(order.merchant_order_id.as_deref().unwrap_or("-")),
        product = escape(product),
        id = escape(&order.id),
        state = order.state,
    ))
}

pub fn not_found() -> (StatusCode, Html<String>) {
    (StatusCode::NOT_FOUND, Html("<!doctype html><title>Not found</title><p>No such checkout.</p>".into()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    #[test]
    fn amounts_read_naturally() {
        let d = |s| rust_decimal::Decimal::from_str(s).unwrap();
        assert_eq!(format_amount(&d("150000"), "IDR"), "Rp 150.000");
        assert_eq!(format_amount(&d("1234567.8"), "PHP"), "₱1,234,567.80");
        assert_eq!(format_amount(&d("20.50"), "usdt"), "20.5 USDT");
        assert_eq!(escape("<a href='x'>&"), "&lt;a href=&#39;x&#39;&gt;&amp;");
    }
}
