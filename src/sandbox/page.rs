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

/// Channels paid by scanning a code (QRIS, QRPH, ...): the page shows a QR image for them.
pub fn is_qr_channel(channel: &str) -> bool {
    channel.to_ascii_uppercase().contains("QR")
}

/// `page_url` is the page's own absolute URL: what the QR code carries.
pub fn render(order: &Order, channels: &[&str], page_url: &str) -> Html<String> {
    let amount = format_amount(&order.amount, &order.currency);
    let text = |key: &str| order.data.get(key).and_then(|v| v.as_str()).filter(|s| !s.is_empty());
    let product = text("product").or_else(|| text("description")).unwrap_or("Order");
    let customer = ["customer_name", "realName", "customerName", "name"]
        .iter()
        .find_map(|k| text(k))
        .map(|n| format!("<dt>Customer</dt><dd id=\"customer\">{}</dd>\n", escape(n)))
        .unwrap_or_default();
    let (state, expiry_label) = match order.state {
        OrderState::Pending => ("Awaiting payment", "Expires"),
        OrderState::Paid => ("Paid", "Was open until"),
        OrderState::Failed => ("Failed", "Was open until"),
        OrderState::Expired => ("Expired", "Expired at"),
    };
    let body = match order.state {
        OrderState::Pending => pending_body(order, channels, &amount, page_url),
        OrderState::Paid => format!(
            "<p class=\"result ok\" id=\"result\">Paid with {}. You can close this page.</p>",
            escape(order.channel.as_deref().unwrap_or("-"))
        ),
        OrderState::Failed => "<p class=\"result bad\" id=\"result\">Payment failed.</p>".into(),
        OrderState::Expired => "<p class=\"result bad\" id=\"result\">This checkout has expired.</p>".into(),
    };
    let expires_text = order.expires_at.format("%Y-%m-%d %H:%M UTC").to_string();
    Html(fill(
        TEMPLATE,
        &[
            ("title", &escape(&format!("{amount} · {} checkout", order.provider))),
            ("provider", &escape(&order.provider)),
            ("amount", &escape(&amount)),
            ("product", &escape(product)),
            ("merchant", &escape(order.merchant_order_id.as_deref().unwrap_or("-"))),
            ("customer", &customer),
            ("id", &escape(&order.id)),
            ("state", state),
            ("expiry_label", expiry_label),
            ("expires_text", &expires_text),
            ("body", &body),
        ],
    ))
}

const TEMPLATE: &str = include_str!("page.html");

/// Replaces `{{name}}` in one pass, so substituted text is never scanned again.
fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 4096);
    let mut rest = template;
    while let Some(start) = rest.find("{{") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        match after.find("}}").and_then(|end| values.iter().find(|(k, _)| *k == &after[..end]).map(|(_, v)| (end, v))) {
            Some((end, value)) => {
                out.push_str(value);
                rest = &after[end + 2..];
            }
            None => {
                out.push_str("{{");
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

fn pending_body(order: &Order, channels: &[&str], amount: &str, page_url: &str) -> String {
    let action_base = format!("/_sandbox/orders/{}/{}", escape(&order.provider), escape(&order.id));
    let options: String = channels
        .iter()
        .enumerate()
        .map(|(i, c)| {
            format!(
                "<label class=\"ch\"><input type=\"radio\" name=\"channel\" value=\"{c}\"{}{}> {c}</label>",
                if is_qr_channel(c) { " data-qr" } else { "" },
                if i == 0 { " checked" } else { "" },
                c = escape(c)
            )
        })
        .collect();
    let qr = if channels.iter().any(|c| is_qr_channel(c)) {
        format!(
            "<div class=\"qr\" id=\"qr\">{}<p>Scan to open this checkout on a phone. In the sandbox no wallet is \
             involved: choose Pay below to complete the payment.</p></div>",
            qr_svg(page_url)
        )
    } else {
        String::new()
    };
    format!(
        r#"<form method="post" action="{action_base}/pay" id="pay-form">
  <fieldset><legend>Pay with</legend><div class="channels">{options}</div></fieldset>
  {qr}
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
    var h = Math.floor(s / 3600), m = Math.floor(s % 3600 / 60), sec = s % 60;
    el.textContent = (h ? h + 'h ' : '') + m + 'm ' + (sec < 10 ? '0' : '') + sec + 's';
    if (s === 0) {{
      // The sandbox expires the order when it is next read: show that state.
      document.getElementById('pay').disabled = true;
      clearInterval(timer);
      setTimeout(function () {{ location.reload(); }}, 1000);
    }}
  }}
  var timer = setInterval(tick, 1000);
  tick();
}})();
</script>"#,
        amount = escape(amount),
        expires = order.expires_at.to_rfc3339(),
    )
}

/// The text as an inline SVG QR code (dark modules on white, with the quiet zone scanners need).
pub fn qr_svg(text: &str) -> String {
    use qrcode::render::svg;
    match qrcode::QrCode::new(text.as_bytes()) {
        Ok(code) => code
            .render::<svg::Color>()
            .min_dimensions(176, 176)
            .dark_color(svg::Color("#000000"))
            .light_color(svg::Color("#ffffff"))
            .quiet_zone(true)
            .build()
            // Inline in HTML: drop the XML prolog, keep the <svg> element.
            .split_once("<svg")
            .map(|(_, rest)| format!("<svg role=\"img\" aria-label=\"QR code\"{rest}"))
            .unwrap_or_default(),
        Err(_) => "<p>(this link is too long for a QR code)</p>".into(),
    }
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

    fn order(state: OrderState) -> Order {
        let now = chrono::Utc::now();
        Order {
            provider: "cashy".into(),
            id: "REF<1>".into(),
            merchant_order_id: Some("M-1".into()),
            amount: rust_decimal::Decimal::from(150_000),
            currency: "IDR".into(),
            state,
            channel: Some("QRIS".into()),
            fee: None,
            rrn: None,
            created_at: now,
            updated_at: now,
            paid_at: None,
            expires_at: now + chrono::Duration::hours(1),
            callback_url: None,
            page_path: "/p/1".into(),
            data: serde_json::json!({"product": "Kopi {{body}} <b>", "realName": "Budi"}),
        }
    }

    #[test]
    fn pending_page_has_summary_channels_qr_and_form_actions() {
        let html = render(&order(OrderState::Pending), &["QRIS", "BCA_VA"], "http://127.0.0.1:1/p/1").0;
        assert!(html.contains(r#"id="amount">Rp 150.000<"#));
        assert!(html.contains("Kopi {{body}} &lt;b&gt;"), "substituted text is not expanded again");
        assert!(html.contains("<dd id=\"customer\">Budi</dd>"));
        assert!(html.contains("REF&lt;1&gt;") && !html.contains("REF<1>"));
        assert!(html.contains(r#"action="/_sandbox/orders/cashy/REF&lt;1&gt;/pay""#));
        assert!(html.contains(r#"action="/_sandbox/orders/cashy/REF&lt;1&gt;/fail""#));
        assert!(html.contains(r#"name="channel" value="QRIS" data-qr checked"#));
        assert!(html.contains(r#"name="channel" value="BCA_VA">"#));
        assert!(html.contains("<svg role=\"img\"") && html.contains("id=\"countdown\""));
        assert_eq!(html.matches("{{").count(), 1, "every placeholder filled; only the product text has braces");
    }

    #[test]
    fn no_qr_without_a_qr_channel_and_final_states_show_a_result() {
        let html = render(&order(OrderState::Pending), &["BCA_VA"], "http://x/p").0;
        assert!(!html.contains("<svg"));
        let paid = render(&order(OrderState::Paid), &["QRIS"], "http://x/p").0;
        assert!(paid.contains("id=\"result\">Paid with QRIS") && !paid.contains("id=\"pay\""));
        assert!(render(&order(OrderState::Expired), &[], "x").0.contains("has expired"));
        assert!(is_qr_channel("qrph") && !is_qr_channel("GCASH"));
    }
}
