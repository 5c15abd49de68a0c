
use builtin;
use str;

set edit:completion:arg-completer[paycli] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'paycli'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'paycli'= {
            cand -p 'Profile to use (else `default_profile` in the config)'
            cand --profile 'Profile to use (else `default_profile` in the config)'
            cand --config 'Config file (else <config dir>/paycli/config.toml)'
            cand -o 'Output format: auto is a table on a terminal, json otherwise'
            cand --output 'Output format: auto is a table on a terminal, json otherwise'
            cand --color 'Colour: auto colours only on a terminal (NO_COLOR is honoured)'
            cand --timeout 'Per-request timeout in seconds [default: profile''s `timeout`, else 30]'
            cand --ca-cert 'Also trust the CA certificates in this PEM file (a private CA); checks stay on'
            cand -v 'Show the HTTP exchange on stderr (credentials redacted)'
            cand --verbose 'Show the HTTP exchange on stderr (credentials redacted)'
            cand -q 'No summaries, progress or notes on stderr (errors and warnings still print)'
            cand --quiet 'No summaries, progress or notes on stderr (errors and warnings still print)'
            cand --no-journal 'Do not read or write the order journal (see docs/journal.md)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand checkout 'Create hosted checkouts'
            cand status 'Query the provider for order status'
            cand callback 'Verify captured callbacks (webhooks)'
            cand orders 'The order journal: what paycli created and the latest status it learned'
            cand journal 'The journal''s store: schema migrations, copying it into PostgreSQL (see docs/journal.md)'
            cand reconcile 'Check every order of a ledger CSV against the provider and classify the differences'
            cand config 'Inspect and create the configuration'
            cand completions 'Print a shell completion script'
            cand sandbox 'Run a local emulator of every provider on 127.0.0.1'
            cand demo 'Run the whole loop offline against an in-process sandbox'
            cand doctor 'Check a profile without creating anything: config, secrets, keys, network, clock, credentials'
            cand manpage 'Print the man page (roff), as committed under man/'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'paycli;checkout'= {
            cand -p 'Profile to use (else `default_profile` in the config)'
            cand --profile 'Profile to use (else `default_profile` in the config)'
            cand --config 'Config file (else <config dir>/paycli/config.toml)'
            cand -o 'Output format: auto is a table on a terminal, json otherwise'
            cand --output 'Output format: auto is a table on a terminal, json otherwise'
            cand --color 'Colour: auto colours only on a terminal (NO_COLOR is honoured)'
            cand --timeout 'Per-request timeout in seconds [default: profile''s `timeout`, else 30]'
            cand --ca-cert 'Also trust the CA certificates in this PEM file (a private CA); checks stay on'
            cand -v 'Show the HTTP exchange on stderr (credentials redacted)'
            cand --verbose 'Show the HTTP exchange on stderr (credentials redacted)'
            cand -q 'No summaries, progress or notes on stderr (errors and warnings still print)'
            cand --quiet 'No summaries, progress or notes on stderr (errors and warnings still print)'
            cand --no-journal 'Do not read or write the order journal (see docs/journal.md)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand create 'Create a checkout and print the URL to send the customer to'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'paycli;checkout;create'= {
            cand --order-id 'Your order id (generated when absent)'
            cand --amount 'Amount in major units: 100000 (IDR), 50.00 (PHP), 20.5 (USDT); with --item, the items'' total when absent (and it must equal that total when given)'
            cand --currency 'Currency (defaults to the provider''s only currency)'
            cand --customer-name 'The customer''s name, as the provider shows and checks it'
            cand --customer-email 'The customer''s email address'
            cand --customer-phone 'The customer''s phone number'
            cand --product-name 'What is being sold, as the hosted page shows it'
            cand --description 'A free-text description of the order'
            cand --item 'A line item NAME:QTY:UNIT_PRICE (repeatable)'
            cand --callback-url 'Where the provider sends the callback (else the profile''s setting)'
            cand --redirect-url 'Where the customer returns after paying (else the profile''s setting)'
            cand --cancel-url 'Where the customer returns after cancelling'
            cand --expires-in 'How long the checkout stays open: 30m, 2h, 1d, 3600s'
            cand --set 'A provider field paycli has no flag for: KEY=TEXT, or KEY:=JSON (repeatable)'
            cand -p 'Profile to use (else `default_profile` in the config)'
            cand --profile 'Profile to use (else `default_profile` in the config)'
            cand --config 'Config file (else <config dir>/paycli/config.toml)'
            cand -o 'Output format: auto is a table on a terminal, json otherwise'
            cand --output 'Output format: auto is a table on a terminal, json otherwise'
            cand --color 'Colour: auto colours only on a terminal (NO_COLOR is honoured)'
            cand --timeout 'Per-request timeout in seconds [default: profile''s `timeout`, else 30]'
            cand --ca-cert 'Also trust the CA certificates in this PEM file (a private CA); checks stay on'
            cand --dry-run 'Build and sign the request, print it, send nothing'
            cand --retry-safe 'If the answer is lost, resend once, but only after the provider says the order does not exist'
            cand --qr 'Also draw the checkout URL as a QR code on stderr (for a phone to scan)'
            cand -v 'Show the HTTP exchange on stderr (credentials redacted)'
            cand --verbose 'Show the HTTP exchange on stderr (credentials redacted)'
            cand -q 'No summaries, progress or notes on stderr (errors and warnings still print)'
            cand --quiet 'No summaries, progress or notes on stderr (errors and warnings still print)'
            cand --no-journal 'Do not read or write the order journal (see docs/journal.md)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'paycli;checkout;help'= {
            cand create 'Create a checkout and print the URL to send the customer to'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'paycli;checkout;help;create'= {
        }
        &'paycli;checkout;help;help'= {
        }
        &'paycli;status'= {
            cand -p 'Profile to use (else `default_profile` in the config)'
            cand --profile 'Profile to use (else `default_profile` in the config)'
            cand --config 'Config file (else <config dir>/paycli/config.toml)'
            cand -o 'Output format: auto is a table on a terminal, json otherwise'
            cand --output 'Output format: auto is a table on a terminal, json otherwise'
            cand --color 'Colour: auto colours only on a terminal (NO_COLOR is honoured)'
            cand --timeout 'Per-request timeout in seconds [default: profile''s `timeout`, else 30]'
            cand --ca-cert 'Also trust the CA certificates in this PEM file (a private CA); checks stay on'
            cand -v 'Show the HTTP exchange on stderr (credentials redacted)'
            cand --verbose 'Show the HTTP exchange on stderr (credentials redacted)'
            cand -q 'No summaries, progress or notes on stderr (errors and warnings still print)'
            cand --quiet 'No summaries, progress or notes on stderr (errors and warnings still print)'
            cand --no-journal 'Do not read or write the order journal (see docs/journal.md)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand check 'Query the status of one or more orders'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'paycli;status;check'= {
            cand --rrn 'Retrieval reference number (zenospay; used first when present)'
            cand --from 'Read ids from a file (- = stdin): one a line, CSV with an order_id column, or NDJSON'
            cand --expect 'Exit 7 unless every result has this status'
            cand --older-than 'With --pending: only orders created at least this long ago (e.g. 15m, 2h)'
            cand --recheck-after 'With --pending: skip orders checked (by any host) less than this long ago [default: since this run began]'
            cand --lease 'With --pending: how long claimed orders stay reserved for this run; a killed run''s orders return after it'
            cand --concurrency 'Status checks in flight at once'
            cand --rate 'At most this many requests a second, e.g. 50/s or 600/m (retries count too)'
            cand --retries 'Retries per order for network errors, HTTP 5xx and 429, and the provider''s retryable answers'
            cand --budget 'Total time for one order''s check, every attempt and wait included (e.g. 30s, 2m); a Retry-After beyond it ends the check as a retryable error'
            cand -p 'Profile to use (else `default_profile` in the config)'
            cand --profile 'Profile to use (else `default_profile` in the config)'
            cand --config 'Config file (else <config dir>/paycli/config.toml)'
            cand -o 'Output format: auto is a table on a terminal, json otherwise'
            cand --output 'Output format: auto is a table on a terminal, json otherwise'
            cand --color 'Colour: auto colours only on a terminal (NO_COLOR is honoured)'
            cand --timeout 'Per-request timeout in seconds [default: profile''s `timeout`, else 30]'
            cand --ca-cert 'Also trust the CA certificates in this PEM file (a private CA); checks stay on'
            cand --pending 'Check every order of the selected profile that the journal has as not final'
            cand --dry-run 'Build and sign the request, print it, send nothing'
            cand -v 'Show the HTTP exchange on stderr (credentials redacted)'
            cand --verbose 'Show the HTTP exchange on stderr (credentials redacted)'
            cand -q 'No summaries, progress or notes on stderr (errors and warnings still print)'
            cand --quiet 'No summaries, progress or notes on stderr (errors and warnings still print)'
            cand --no-journal 'Do not read or write the order journal (see docs/journal.md)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'paycli;status;help'= {
            cand check 'Query the status of one or more orders'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'paycli;status;help;check'= {
        }
        &'paycli;status;help;help'= {
        }
        &'paycli;callback'= {
            cand -p 'Profile to use (else `default_profile` in the config)'
            cand --profile 'Profile to use (else `default_profile` in the config)'
            cand --config 'Config file (else <config dir>/paycli/config.toml)'
            cand -o 'Output format: auto is a table on a terminal, json otherwise'
            cand --output 'Output format: auto is a table on a terminal, json otherwise'
            cand --color 'Colour: auto colours only on a terminal (NO_COLOR is honoured)'
            cand --timeout 'Per-request timeout in seconds [default: profile''s `timeout`, else 30]'
            cand --ca-cert 'Also trust the CA certificates in this PEM file (a private CA); checks stay on'
            cand -v 'Show the HTTP exchange on stderr (credentials redacted)'
            cand --verbose 'Show the HTTP exchange on stderr (credentials redacted)'
            cand -q 'No summaries, progress or notes on stderr (errors and warnings still print)'
            cand --quiet 'No summaries, progress or notes on stderr (errors and warnings still print)'
            cand --no-journal 'Do not read or write the order journal (see docs/journal.md)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand verify 'Verify captured callbacks: raw HTTP request files (or directories of them) or bodies with --header'
            cand listen 'Receive callbacks on 127.0.0.1: verify, print, save, and answer or forward each one'
            cand send 'Send a signed test callback in the provider''s real shape to your endpoint'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'paycli;callback;verify'= {
            cand -H 'A header of the captured request, for bare bodies: ''Name: value'' (repeatable)'
            cand --header 'A header of the captured request, for bare bodies: ''Name: value'' (repeatable)'
            cand --at 'Verify as of this time (RFC 3339 or epoch seconds): captured files are old'
            cand --tolerance 'How far a signed timestamp may be from now (or --at)'
            cand --max-age 'Reject signed tokens older than this (payfect)'
            cand -p 'Profile to use (else `default_profile` in the config)'
            cand --profile 'Profile to use (else `default_profile` in the config)'
            cand --config 'Config file (else <config dir>/paycli/config.toml)'
            cand -o 'Output format: auto is a table on a terminal, json otherwise'
            cand --output 'Output format: auto is a table on a terminal, json otherwise'
            cand --color 'Colour: auto colours only on a terminal (NO_COLOR is honoured)'
            cand --timeout 'Per-request timeout in seconds [default: profile''s `timeout`, else 30]'
            cand --ca-cert 'Also trust the CA certificates in this PEM file (a private CA); checks stay on'
            cand --requery 'Also ask the provider''s status API and require it to agree (paid, amount, currency)'
            cand -v 'Show the HTTP exchange on stderr (credentials redacted)'
            cand --verbose 'Show the HTTP exchange on stderr (credentials redacted)'
            cand -q 'No summaries, progress or notes on stderr (errors and warnings still print)'
            cand --quiet 'No summaries, progress or notes on stderr (errors and warnings still print)'
            cand --no-journal 'Do not read or write the order journal (see docs/journal.md)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'paycli;callback;listen'= {
            cand --port 'Port on 127.0.0.1 (0 picks a free one)'
            cand --forward-to 'Pass verified callbacks on, byte for byte, to your endpoint and relay its answer. A URL without a path gets the incoming path and query appended'
            cand --budget 'Time to have every answer ready, a requery included: 1500ms, 1.5s, 3s (default: the provider''s, 1.5s for zenospay, 5s for the others)'
            cand --save-dir 'Save every request as a raw HTTP file that `callback verify` reads as is'
            cand --tolerance 'How far a signed timestamp may be from now'
            cand -p 'Profile to use (else `default_profile` in the config)'
            cand --profile 'Profile to use (else `default_profile` in the config)'
            cand --config 'Config file (else <config dir>/paycli/config.toml)'
            cand -o 'Output format: auto is a table on a terminal, json otherwise'
            cand --output 'Output format: auto is a table on a terminal, json otherwise'
            cand --color 'Colour: auto colours only on a terminal (NO_COLOR is honoured)'
            cand --timeout 'Per-request timeout in seconds [default: profile''s `timeout`, else 30]'
            cand --ca-cert 'Also trust the CA certificates in this PEM file (a private CA); checks stay on'
            cand --forward-unverified 'With --forward-to, also pass on callbacks that did not verify (to test your app''s own checks)'
            cand --requery 'Also ask the provider''s status API about each callback (needs the profile''s API access)'
            cand -v 'Show the HTTP exchange on stderr (credentials redacted)'
            cand --verbose 'Show the HTTP exchange on stderr (credentials redacted)'
            cand -q 'No summaries, progress or notes on stderr (errors and warnings still print)'
            cand --quiet 'No summaries, progress or notes on stderr (errors and warnings still print)'
            cand --no-journal 'Do not read or write the order journal (see docs/journal.md)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'paycli;callback;send'= {
            cand --to 'Your webhook endpoint'
            cand --order-id 'The merchant order id the callback is about'
            cand --status 'What the callback reports'
            cand --amount 'Amount in major units (else the provider''s demo amount)'
            cand --currency 'Currency (else the provider''s default)'
            cand --channel 'Payment channel the callback names (else the provider''s first)'
            cand --key 'Sign with this key instead of the sandbox''s (a file; first line). Supported: cashy (its api_key)'
            cand -p 'Profile to use (else `default_profile` in the config)'
            cand --profile 'Profile to use (else `default_profile` in the config)'
            cand --config 'Config file (else <config dir>/paycli/config.toml)'
            cand -o 'Output format: auto is a table on a terminal, json otherwise'
            cand --output 'Output format: auto is a table on a terminal, json otherwise'
            cand --color 'Colour: auto colours only on a terminal (NO_COLOR is honoured)'
            cand --timeout 'Per-request timeout in seconds [default: profile''s `timeout`, else 30]'
            cand --ca-cert 'Also trust the CA certificates in this PEM file (a private CA); checks stay on'
            cand --dry-run 'Print the callback as a raw HTTP request instead of sending it'
            cand -v 'Show the HTTP exchange on stderr (credentials redacted)'
            cand --verbose 'Show the HTTP exchange on stderr (credentials redacted)'
            cand -q 'No summaries, progress or notes on stderr (errors and warnings still print)'
            cand --quiet 'No summaries, progress or notes on stderr (errors and warnings still print)'
            cand --no-journal 'Do not read or write the order journal (see docs/journal.md)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'paycli;callback;help'= {
            cand verify 'Verify captured callbacks: raw HTTP request files (or directories of them) or bodies with --header'
            cand listen 'Receive callbacks on 127.0.0.1: verify, print, save, and answer or forward each one'
            cand send 'Send a signed test callback in the provider''s real shape to your endpoint'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'paycli;callback;help;verify'= {
        }
        &'paycli;callback;help;listen'= {
        }
        &'paycli;callback;help;send'= {
        }
        &'paycli;callback;help;help'= {
        }
        &'paycli;orders'= {
            cand -p 'Profile to use (else `default_profile` in the config)'
            cand --profile 'Profile to use (else `default_profile` in the config)'
            cand --config 'Config file (else <config dir>/paycli/config.toml)'
            cand -o 'Output format: auto is a table on a terminal, json otherwise'
            cand --output 'Output format: auto is a table on a terminal, json otherwise'
            cand --color 'Colour: auto colours only on a terminal (NO_COLOR is honoured)'
            cand --timeout 'Per-request timeout in seconds [default: profile''s `timeout`, else 30]'
            cand --ca-cert 'Also trust the CA certificates in this PEM file (a private CA); checks stay on'
            cand -v 'Show the HTTP exchange on stderr (credentials redacted)'
            cand --verbose 'Show the HTTP exchange on stderr (credentials redacted)'
            cand -q 'No summaries, progress or notes on stderr (errors and warnings still print)'
            cand --quiet 'No summaries, progress or notes on stderr (errors and warnings still print)'
            cand --no-journal 'Do not read or write the order journal (see docs/journal.md)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand list 'List journal entries (every profile unless --of-profile)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'paycli;orders;list'= {
            cand --of-profile 'Only this profile''s orders (the global -p selects a profile for provider calls, not this)'
            cand --provider 'Only this provider''s orders'
            cand --status 'Only orders with this status (repeatable)'
            cand --since 'Only orders created within this long (30m, 2h, 1d) or since this time (RFC 3339)'
            cand -p 'Profile to use (else `default_profile` in the config)'
            cand --profile 'Profile to use (else `default_profile` in the config)'
            cand --config 'Config file (else <config dir>/paycli/config.toml)'
            cand -o 'Output format: auto is a table on a terminal, json otherwise'
            cand --output 'Output format: auto is a table on a terminal, json otherwise'
            cand --color 'Colour: auto colours only on a terminal (NO_COLOR is honoured)'
            cand --timeout 'Per-request timeout in seconds [default: profile''s `timeout`, else 30]'
            cand --ca-cert 'Also trust the CA certificates in this PEM file (a private CA); checks stay on'
            cand -v 'Show the HTTP exchange on stderr (credentials redacted)'
            cand --verbose 'Show the HTTP exchange on stderr (credentials redacted)'
            cand -q 'No summaries, progress or notes on stderr (errors and warnings still print)'
            cand --quiet 'No summaries, progress or notes on stderr (errors and warnings still print)'
            cand --no-journal 'Do not read or write the order journal (see docs/journal.md)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'paycli;orders;help'= {
            cand list 'List journal entries (every profile unless --of-profile)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'paycli;orders;help;list'= {
        }
        &'paycli;orders;help;help'= {
        }
        &'paycli;journal'= {
            cand -p 'Profile to use (else `default_profile` in the config)'
            cand --profile 'Profile to use (else `default_profile` in the config)'
            cand --config 'Config file (else <config dir>/paycli/config.toml)'
            cand -o 'Output format: auto is a table on a terminal, json otherwise'
            cand --output 'Output format: auto is a table on a terminal, json otherwise'
            cand --color 'Colour: auto colours only on a terminal (NO_COLOR is honoured)'
            cand --timeout 'Per-request timeout in seconds [default: profile''s `timeout`, else 30]'
            cand --ca-cert 'Also trust the CA certificates in this PEM file (a private CA); checks stay on'
            cand -v 'Show the HTTP exchange on stderr (credentials redacted)'
            cand --verbose 'Show the HTTP exchange on stderr (credentials redacted)'
            cand -q 'No summaries, progress or notes on stderr (errors and warnings still print)'
            cand --quiet 'No summaries, progress or notes on stderr (errors and warnings still print)'
            cand --no-journal 'Do not read or write the order journal (see docs/journal.md)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand migrate 'Bring the journal''s schema up to date (paycli applies additive steps by itself)'
            cand copy 'Copy every order and callback event of this journal into another one (e.g. into PostgreSQL)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'paycli;journal;migrate'= {
            cand -p 'Profile to use (else `default_profile` in the config)'
            cand --profile 'Profile to use (else `default_profile` in the config)'
            cand --config 'Config file (else <config dir>/paycli/config.toml)'
            cand -o 'Output format: auto is a table on a terminal, json otherwise'
            cand --output 'Output format: auto is a table on a terminal, json otherwise'
            cand --color 'Colour: auto colours only on a terminal (NO_COLOR is honoured)'
            cand --timeout 'Per-request timeout in seconds [default: profile''s `timeout`, else 30]'
            cand --ca-cert 'Also trust the CA certificates in this PEM file (a private CA); checks stay on'
            cand -v 'Show the HTTP exchange on stderr (credentials redacted)'
            cand --verbose 'Show the HTTP exchange on stderr (credentials redacted)'
            cand -q 'No summaries, progress or notes on stderr (errors and warnings still print)'
            cand --quiet 'No summaries, progress or notes on stderr (errors and warnings still print)'
            cand --no-journal 'Do not read or write the order journal (see docs/journal.md)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'paycli;journal;copy'= {
            cand --to 'The target: a postgres:// URL or an SQLite file; - reads it from stdin''s first line (keeps a password out of `ps`)'
            cand -p 'Profile to use (else `default_profile` in the config)'
            cand --profile 'Profile to use (else `default_profile` in the config)'
            cand --config 'Config file (else <config dir>/paycli/config.toml)'
            cand -o 'Output format: auto is a table on a terminal, json otherwise'
            cand --output 'Output format: auto is a table on a terminal, json otherwise'
            cand --color 'Colour: auto colours only on a terminal (NO_COLOR is honoured)'
            cand --timeout 'Per-request timeout in seconds [default: profile''s `timeout`, else 30]'
            cand --ca-cert 'Also trust the CA certificates in this PEM file (a private CA); checks stay on'
            cand -v 'Show the HTTP exchange on stderr (credentials redacted)'
            cand --verbose 'Show the HTTP exchange on stderr (credentials redacted)'
            cand -q 'No summaries, progress or notes on stderr (errors and warnings still print)'
            cand --quiet 'No summaries, progress or notes on stderr (errors and warnings still print)'
            cand --no-journal 'Do not read or write the order journal (see docs/journal.md)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'paycli;journal;help'= {
            cand migrate 'Bring the journal''s schema up to date (paycli applies additive steps by itself)'
            cand copy 'Copy every order and callback event of this journal into another one (e.g. into PostgreSQL)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'paycli;journal;help;migrate'= {
        }
        &'paycli;journal;help;copy'= {
        }
        &'paycli;journal;help;help'= {
        }
        &'paycli;reconcile'= {
            cand --ledger 'The ledger: CSV with a header row (order id, amount, optional currency and status columns)'
            cand --report 'Write the report here (atomically: a temporary file renamed into place when complete)'
            cand --order-id-column 'The ledger column with your order ids'
            cand --amount-column 'The ledger column with the booked amounts, in major units'
            cand --currency-column 'Used when the ledger has it'
            cand --status-column 'Used when the ledger has it; without it every ledger row counts as booked paid'
            cand --concurrency 'Status checks in flight at once'
            cand --rate 'At most this many requests a second, e.g. 50/s or 600/m (retries count too)'
            cand --retries 'Retries per order for network errors, HTTP 5xx and 429, and the provider''s retryable answers'
            cand --budget 'Total time for one order''s check, every attempt and wait included (e.g. 30s, 2m); a Retry-After beyond it ends the check as a retryable error'
            cand -p 'Profile to use (else `default_profile` in the config)'
            cand --profile 'Profile to use (else `default_profile` in the config)'
            cand --config 'Config file (else <config dir>/paycli/config.toml)'
            cand -o 'Output format: auto is a table on a terminal, json otherwise'
            cand --output 'Output format: auto is a table on a terminal, json otherwise'
            cand --color 'Colour: auto colours only on a terminal (NO_COLOR is honoured)'
            cand --timeout 'Per-request timeout in seconds [default: profile''s `timeout`, else 30]'
            cand --ca-cert 'Also trust the CA certificates in this PEM file (a private CA); checks stay on'
            cand -v 'Show the HTTP exchange on stderr (credentials redacted)'
            cand --verbose 'Show the HTTP exchange on stderr (credentials redacted)'
            cand -q 'No summaries, progress or notes on stderr (errors and warnings still print)'
            cand --quiet 'No summaries, progress or notes on stderr (errors and warnings still print)'
            cand --no-journal 'Do not read or write the order journal (see docs/journal.md)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'paycli;config'= {
            cand -p 'Profile to use (else `default_profile` in the config)'
            cand --profile 'Profile to use (else `default_profile` in the config)'
            cand --config 'Config file (else <config dir>/paycli/config.toml)'
            cand -o 'Output format: auto is a table on a terminal, json otherwise'
            cand --output 'Output format: auto is a table on a terminal, json otherwise'
            cand --color 'Colour: auto colours only on a terminal (NO_COLOR is honoured)'
            cand --timeout 'Per-request timeout in seconds [default: profile''s `timeout`, else 30]'
            cand --ca-cert 'Also trust the CA certificates in this PEM file (a private CA); checks stay on'
            cand -v 'Show the HTTP exchange on stderr (credentials redacted)'
            cand --verbose 'Show the HTTP exchange on stderr (credentials redacted)'
            cand -q 'No summaries, progress or notes on stderr (errors and warnings still print)'
            cand --quiet 'No summaries, progress or notes on stderr (errors and warnings still print)'
            cand --no-journal 'Do not read or write the order journal (see docs/journal.md)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand path 'Print where the config file is'
            cand list 'List the profiles (config file and built-in)'
            cand show 'Show one profile with secrets redacted'
            cand init 'Write a commented starter config file'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'paycli;config;path'= {
            cand -p 'Profile to use (else `default_profile` in the config)'
            cand --profile 'Profile to use (else `default_profile` in the config)'
            cand --config 'Config file (else <config dir>/paycli/config.toml)'
            cand -o 'Output format: auto is a table on a terminal, json otherwise'
            cand --output 'Output format: auto is a table on a terminal, json otherwise'
            cand --color 'Colour: auto colours only on a terminal (NO_COLOR is honoured)'
            cand --timeout 'Per-request timeout in seconds [default: profile''s `timeout`, else 30]'
            cand --ca-cert 'Also trust the CA certificates in this PEM file (a private CA); checks stay on'
            cand -v 'Show the HTTP exchange on stderr (credentials redacted)'
            cand --verbose 'Show the HTTP exchange on stderr (credentials redacted)'
            cand -q 'No summaries, progress or notes on stderr (errors and warnings still print)'
            cand --quiet 'No summaries, progress or notes on stderr (errors and warnings still print)'
            cand --no-journal 'Do not read or write the order journal (see docs/journal.md)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'paycli;config;list'= {
            cand -p 'Profile to use (else `default_profile` in the config)'
            cand --profile 'Profile to use (else `default_profile` in the config)'
            cand --config 'Config file (else <config dir>/paycli/config.toml)'
            cand -o 'Output format: auto is a table on a terminal, json otherwise'
            cand --output 'Output format: auto is a table on a terminal, json otherwise'
            cand --color 'Colour: auto colours only on a terminal (NO_COLOR is honoured)'
            cand --timeout 'Per-request timeout in seconds [default: profile''s `timeout`, else 30]'
            cand --ca-cert 'Also trust the CA certificates in this PEM file (a private CA); checks stay on'
            cand -v 'Show the HTTP exchange on stderr (credentials redacted)'
            cand --verbose 'Show the HTTP exchange on stderr (credentials redacted)'
            cand -q 'No summaries, progress or notes on stderr (errors and warnings still print)'
            cand --quiet 'No summaries, progress or notes on stderr (errors and warnings still print)'
            cand --no-journal 'Do not read or write the order journal (see docs/journal.md)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'paycli;config;show'= {
            cand -p 'Profile to use (else `default_profile` in the config)'
            cand --profile 'Profile to use (else `default_profile` in the config)'
            cand --config 'Config file (else <config dir>/paycli/config.toml)'
            cand -o 'Output format: auto is a table on a terminal, json otherwise'
            cand --output 'Output format: auto is a table on a terminal, json otherwise'
            cand --color 'Colour: auto colours only on a terminal (NO_COLOR is honoured)'
            cand --timeout 'Per-request timeout in seconds [default: profile''s `timeout`, else 30]'
            cand --ca-cert 'Also trust the CA certificates in this PEM file (a private CA); checks stay on'
            cand -v 'Show the HTTP exchange on stderr (credentials redacted)'
            cand --verbose 'Show the HTTP exchange on stderr (credentials redacted)'
            cand -q 'No summaries, progress or notes on stderr (errors and warnings still print)'
            cand --quiet 'No summaries, progress or notes on stderr (errors and warnings still print)'
            cand --no-journal 'Do not read or write the order journal (see docs/journal.md)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'paycli;config;init'= {
            cand -p 'Profile to use (else `default_profile` in the config)'
            cand --profile 'Profile to use (else `default_profile` in the config)'
            cand --config 'Config file (else <config dir>/paycli/config.toml)'
            cand -o 'Output format: auto is a table on a terminal, json otherwise'
            cand --output 'Output format: auto is a table on a terminal, json otherwise'
            cand --color 'Colour: auto colours only on a terminal (NO_COLOR is honoured)'
            cand --timeout 'Per-request timeout in seconds [default: profile''s `timeout`, else 30]'
            cand --ca-cert 'Also trust the CA certificates in this PEM file (a private CA); checks stay on'
            cand --force 'Overwrite an existing file'
            cand --stdout 'Print it instead of writing it'
            cand -v 'Show the HTTP exchange on stderr (credentials redacted)'
            cand --verbose 'Show the HTTP exchange on stderr (credentials redacted)'
            cand -q 'No summaries, progress or notes on stderr (errors and warnings still print)'
            cand --quiet 'No summaries, progress or notes on stderr (errors and warnings still print)'
            cand --no-journal 'Do not read or write the order journal (see docs/journal.md)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'paycli;config;help'= {
            cand path 'Print where the config file is'
            cand list 'List the profiles (config file and built-in)'
            cand show 'Show one profile with secrets redacted'
            cand init 'Write a commented starter config file'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'paycli;config;help;path'= {
        }
        &'paycli;config;help;list'= {
        }
        &'paycli;config;help;show'= {
        }
        &'paycli;config;help;init'= {
        }
        &'paycli;config;help;help'= {
        }
        &'paycli;completions'= {
            cand -p 'Profile to use (else `default_profile` in the config)'
            cand --profile 'Profile to use (else `default_profile` in the config)'
            cand --config 'Config file (else <config dir>/paycli/config.toml)'
            cand -o 'Output format: auto is a table on a terminal, json otherwise'
            cand --output 'Output format: auto is a table on a terminal, json otherwise'
            cand --color 'Colour: auto colours only on a terminal (NO_COLOR is honoured)'
            cand --timeout 'Per-request timeout in seconds [default: profile''s `timeout`, else 30]'
            cand --ca-cert 'Also trust the CA certificates in this PEM file (a private CA); checks stay on'
            cand -v 'Show the HTTP exchange on stderr (credentials redacted)'
            cand --verbose 'Show the HTTP exchange on stderr (credentials redacted)'
            cand -q 'No summaries, progress or notes on stderr (errors and warnings still print)'
            cand --quiet 'No summaries, progress or notes on stderr (errors and warnings still print)'
            cand --no-journal 'Do not read or write the order journal (see docs/journal.md)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'paycli;sandbox'= {
            cand --port 'Port on 127.0.0.1 (0 picks a free one; the address is printed on stderr)'
            cand --time-scale 'Divide callback retry waits by N (e.g. 60 makes Cashy''s 1-minute retry a second)'
            cand --state 'Keep orders in this file across restarts'
            cand --set 'A merchant setting of an emulated provider: PROVIDER.KEY=VALUE (repeatable)'
            cand -p 'Profile to use (else `default_profile` in the config)'
            cand --profile 'Profile to use (else `default_profile` in the config)'
            cand --config 'Config file (else <config dir>/paycli/config.toml)'
            cand -o 'Output format: auto is a table on a terminal, json otherwise'
            cand --output 'Output format: auto is a table on a terminal, json otherwise'
            cand --color 'Colour: auto colours only on a terminal (NO_COLOR is honoured)'
            cand --timeout 'Per-request timeout in seconds [default: profile''s `timeout`, else 30]'
            cand --ca-cert 'Also trust the CA certificates in this PEM file (a private CA); checks stay on'
            cand -v 'Show the HTTP exchange on stderr (credentials redacted)'
            cand --verbose 'Show the HTTP exchange on stderr (credentials redacted)'
            cand -q 'No summaries, progress or notes on stderr (errors and warnings still print)'
            cand --quiet 'No summaries, progress or notes on stderr (errors and warnings still print)'
            cand --no-journal 'Do not read or write the order journal (see docs/journal.md)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'paycli;demo'= {
            cand -p 'Profile to use (else `default_profile` in the config)'
            cand --profile 'Profile to use (else `default_profile` in the config)'
            cand --config 'Config file (else <config dir>/paycli/config.toml)'
            cand -o 'Output format: auto is a table on a terminal, json otherwise'
            cand --output 'Output format: auto is a table on a terminal, json otherwise'
            cand --color 'Colour: auto colours only on a terminal (NO_COLOR is honoured)'
            cand --timeout 'Per-request timeout in seconds [default: profile''s `timeout`, else 30]'
            cand --ca-cert 'Also trust the CA certificates in this PEM file (a private CA); checks stay on'
            cand -v 'Show the HTTP exchange on stderr (credentials redacted)'
            cand --verbose 'Show the HTTP exchange on stderr (credentials redacted)'
            cand -q 'No summaries, progress or notes on stderr (errors and warnings still print)'
            cand --quiet 'No summaries, progress or notes on stderr (errors and warnings still print)'
            cand --no-journal 'Do not read or write the order journal (see docs/journal.md)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'paycli;doctor'= {
            cand -p 'Profile to use (else `default_profile` in the config)'
            cand --profile 'Profile to use (else `default_profile` in the config)'
            cand --config 'Config file (else <config dir>/paycli/config.toml)'
            cand -o 'Output format: auto is a table on a terminal, json otherwise'
            cand --output 'Output format: auto is a table on a terminal, json otherwise'
            cand --color 'Colour: auto colours only on a terminal (NO_COLOR is honoured)'
            cand --timeout 'Per-request timeout in seconds [default: profile''s `timeout`, else 30]'
            cand --ca-cert 'Also trust the CA certificates in this PEM file (a private CA); checks stay on'
            cand -v 'Show the HTTP exchange on stderr (credentials redacted)'
            cand --verbose 'Show the HTTP exchange on stderr (credentials redacted)'
            cand -q 'No summaries, progress or notes on stderr (errors and warnings still print)'
            cand --quiet 'No summaries, progress or notes on stderr (errors and warnings still print)'
            cand --no-journal 'Do not read or write the order journal (see docs/journal.md)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'paycli;manpage'= {
            cand -p 'Profile to use (else `default_profile` in the config)'
            cand --profile 'Profile to use (else `default_profile` in the config)'
            cand --config 'Config file (else <config dir>/paycli/config.toml)'
            cand -o 'Output format: auto is a table on a terminal, json otherwise'
            cand --output 'Output format: auto is a table on a terminal, json otherwise'
            cand --color 'Colour: auto colours only on a terminal (NO_COLOR is honoured)'
            cand --timeout 'Per-request timeout in seconds [default: profile''s `timeout`, else 30]'
            cand --ca-cert 'Also trust the CA certificates in this PEM file (a private CA); checks stay on'
            cand -v 'Show the HTTP exchange on stderr (credentials redacted)'
            cand --verbose 'Show the HTTP exchange on stderr (credentials redacted)'
            cand -q 'No summaries, progress or notes on stderr (errors and warnings still print)'
            cand --quiet 'No summaries, progress or notes on stderr (errors and warnings still print)'
            cand --no-journal 'Do not read or write the order journal (see docs/journal.md)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'paycli;help'= {
            cand checkout 'Create hosted checkouts'
            cand status 'Query the provider for order status'
            cand callback 'Verify captured callbacks (webhooks)'
            cand orders 'The order journal: what paycli created and the latest status it learned'
            cand journal 'The journal''s store: schema migrations, copying it into PostgreSQL (see docs/journal.md)'
            cand reconcile 'Check every order of a ledger CSV against the provider and classify the differences'
            cand config 'Inspect and create the configuration'
            cand completions 'Print a shell completion script'
            cand sandbox 'Run a local emulator of every provider on 127.0.0.1'
            cand demo 'Run the whole loop offline against an in-process sandbox'
            cand doctor 'Check a profile without creating anything: config, secrets, keys, network, clock, credentials'
            cand manpage 'Print the man page (roff), as committed under man/'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'paycli;help;checkout'= {
            cand create 'Create a checkout and print the URL to send the customer to'
        }
        &'paycli;help;checkout;create'= {
        }
        &'paycli;help;status'= {
            cand check 'Query the status of one or more orders'
        }
        &'paycli;help;status;check'= {
        }
        &'paycli;help;callback'= {
            cand verify 'Verify captured callbacks: raw HTTP request files (or directories of them) or bodies with --header'
            cand listen 'Receive callbacks on 127.0.0.1: verify, print, save, and answer or forward each one'
            cand send 'Send a signed test callback in the provider''s real shape to your endpoint'
        }
        &'paycli;help;callback;verify'= {
        }
        &'paycli;help;callback;listen'= {
        }
        &'paycli;help;callback;send'= {
        }
        &'paycli;help;orders'= {
            cand list 'List journal entries (every profile unless --of-profile)'
        }
        &'paycli;help;orders;list'= {
        }
        &'paycli;help;journal'= {
            cand migrate 'Bring the journal''s schema up to date (paycli applies additive steps by itself)'
            cand copy 'Copy every order and callback event of this journal into another one (e.g. into PostgreSQL)'
        }
        &'paycli;help;journal;migrate'= {
        }
        &'paycli;help;journal;copy'= {
        }
        &'paycli;help;reconcile'= {
        }
        &'paycli;help;config'= {
            cand path 'Print where the config file is'
            cand list 'List the profiles (config file and built-in)'
            cand show 'Show one profile with secrets redacted'
            cand init 'Write a commented starter config file'
        }
        &'paycli;help;config;path'= {
        }
        &'paycli;help;config;list'= {
        }
        &'paycli;help;config;show'= {
        }
        &'paycli;help;config;init'= {
        }
        &'paycli;help;completions'= {
        }
        &'paycli;help;sandbox'= {
        }
        &'paycli;help;demo'= {
        }
        &'paycli;help;doctor'= {
        }
        &'paycli;help;manpage'= {
        }
        &'paycli;help;help'= {
        }
    ]
    $completions[$command]
}
