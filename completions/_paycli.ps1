
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'paycli' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'paycli'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'paycli' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile to use (else `default_profile` in the config)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (else `default_profile` in the config)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (else <config dir>/paycli/config.toml)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: auto is a table on a terminal, json otherwise')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: auto is a table on a terminal, json otherwise')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour: auto colours only on a terminal (NO_COLOR is honoured)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Per-request timeout in seconds [default: profile''s `timeout`, else 30]')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Also trust the CA certificates in this PEM file (a private CA); checks stay on')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show the HTTP exchange on stderr (credentials redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show the HTTP exchange on stderr (credentials redacted)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No summaries, progress or notes on stderr (errors and warnings still print)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No summaries, progress or notes on stderr (errors and warnings still print)')
            [CompletionResult]::new('--no-journal', '--no-journal', [CompletionResultType]::ParameterName, 'Do not read or write the order journal (see docs/journal.md)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('checkout', 'checkout', [CompletionResultType]::ParameterValue, 'Create hosted checkouts')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Query the provider for order status')
            [CompletionResult]::new('callback', 'callback', [CompletionResultType]::ParameterValue, 'Verify captured callbacks (webhooks)')
            [CompletionResult]::new('orders', 'orders', [CompletionResultType]::ParameterValue, 'The order journal: what paycli created and the latest status it learned')
            [CompletionResult]::new('journal', 'journal', [CompletionResultType]::ParameterValue, 'The journal''s store: schema migrations, copying it into PostgreSQL (see docs/journal.md)')
            [CompletionResult]::new('reconcile', 'reconcile', [CompletionResultType]::ParameterValue, 'Check every order of a ledger CSV against the provider and classify the differences')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'Inspect and create the configuration')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('sandbox', 'sandbox', [CompletionResultType]::ParameterValue, 'Run a local emulator of every provider on 127.0.0.1')
            [CompletionResult]::new('demo', 'demo', [CompletionResultType]::ParameterValue, 'Run the whole loop offline against an in-process sandbox')
            [CompletionResult]::new('doctor', 'doctor', [CompletionResultType]::ParameterValue, 'Check a profile without creating anything: config, secrets, keys, network, clock, credentials')
            [CompletionResult]::new('manpage', 'manpage', [CompletionResultType]::ParameterValue, 'Print the man page (roff), as committed under man/')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'paycli;checkout' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile to use (else `default_profile` in the config)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (else `default_profile` in the config)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (else <config dir>/paycli/config.toml)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: auto is a table on a terminal, json otherwise')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: auto is a table on a terminal, json otherwise')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour: auto colours only on a terminal (NO_COLOR is honoured)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Per-request timeout in seconds [default: profile''s `timeout`, else 30]')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Also trust the CA certificates in this PEM file (a private CA); checks stay on')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show the HTTP exchange on stderr (credentials redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show the HTTP exchange on stderr (credentials redacted)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No summaries, progress or notes on stderr (errors and warnings still print)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No summaries, progress or notes on stderr (errors and warnings still print)')
            [CompletionResult]::new('--no-journal', '--no-journal', [CompletionResultType]::ParameterName, 'Do not read or write the order journal (see docs/journal.md)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a checkout and print the URL to send the customer to')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'paycli;checkout;create' {
            [CompletionResult]::new('--order-id', '--order-id', [CompletionResultType]::ParameterName, 'Your order id (generated when absent)')
            [CompletionResult]::new('--amount', '--amount', [CompletionResultType]::ParameterName, 'Amount in major units: 100000 (IDR), 50.00 (PHP), 20.5 (USDT); with --item, the items'' total when absent (and it must equal that total when given)')
            [CompletionResult]::new('--currency', '--currency', [CompletionResultType]::ParameterName, 'Currency (defaults to the provider''s only currency)')
            [CompletionResult]::new('--customer-name', '--customer-name', [CompletionResultType]::ParameterName, 'The customer''s name, as the provider shows and checks it')
            [CompletionResult]::new('--customer-email', '--customer-email', [CompletionResultType]::ParameterName, 'The customer''s email address')
            [CompletionResult]::new('--customer-phone', '--customer-phone', [CompletionResultType]::ParameterName, 'The customer''s phone number')
            [CompletionResult]::new('--product-name', '--product-name', [CompletionResultType]::ParameterName, 'What is being sold, as the hosted page shows it')
            [CompletionResult]::new('--description', '--description', [CompletionResultType]::ParameterName, 'A free-text description of the order')
            [CompletionResult]::new('--item', '--item', [CompletionResultType]::ParameterName, 'A line item NAME:QTY:UNIT_PRICE (repeatable)')
            [CompletionResult]::new('--callback-url', '--callback-url', [CompletionResultType]::ParameterName, 'Where the provider sends the callback (else the profile''s setting)')
            [CompletionResult]::new('--redirect-url', '--redirect-url', [CompletionResultType]::ParameterName, 'Where the customer returns after paying (else the profile''s setting)')
            [CompletionResult]::new('--cancel-url', '--cancel-url', [CompletionResultType]::ParameterName, 'Where the customer returns after cancelling')
            [CompletionResult]::new('--expires-in', '--expires-in', [CompletionResultType]::ParameterName, 'How long the checkout stays open: 30m, 2h, 1d, 3600s')
            [CompletionResult]::new('--set', '--set', [CompletionResultType]::ParameterName, 'A provider field paycli has no flag for: KEY=TEXT, or KEY:=JSON (repeatable)')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile to use (else `default_profile` in the config)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (else `default_profile` in the config)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (else <config dir>/paycli/config.toml)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: auto is a table on a terminal, json otherwise')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: auto is a table on a terminal, json otherwise')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour: auto colours only on a terminal (NO_COLOR is honoured)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Per-request timeout in seconds [default: profile''s `timeout`, else 30]')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Also trust the CA certificates in this PEM file (a private CA); checks stay on')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Build and sign the request, print it, send nothing')
            [CompletionResult]::new('--retry-safe', '--retry-safe', [CompletionResultType]::ParameterName, 'If the answer is lost, resend once, but only after the provider says the order does not exist')
            [CompletionResult]::new('--qr', '--qr', [CompletionResultType]::ParameterName, 'Also draw the checkout URL as a QR code on stderr (for a phone to scan)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show the HTTP exchange on stderr (credentials redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show the HTTP exchange on stderr (credentials redacted)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No summaries, progress or notes on stderr (errors and warnings still print)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No summaries, progress or notes on stderr (errors and warnings still print)')
            [CompletionResult]::new('--no-journal', '--no-journal', [CompletionResultType]::ParameterName, 'Do not read or write the order journal (see docs/journal.md)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'paycli;checkout;help' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a checkout and print the URL to send the customer to')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'paycli;checkout;help;create' {
            break
        }
        'paycli;checkout;help;help' {
            break
        }
        'paycli;status' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile to use (else `default_profile` in the config)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (else `default_profile` in the config)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (else <config dir>/paycli/config.toml)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: auto is a table on a terminal, json otherwise')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: auto is a table on a terminal, json otherwise')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour: auto colours only on a terminal (NO_COLOR is honoured)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Per-request timeout in seconds [default: profile''s `timeout`, else 30]')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Also trust the CA certificates in this PEM file (a private CA); checks stay on')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show the HTTP exchange on stderr (credentials redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show the HTTP exchange on stderr (credentials redacted)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No summaries, progress or notes on stderr (errors and warnings still print)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No summaries, progress or notes on stderr (errors and warnings still print)')
            [CompletionResult]::new('--no-journal', '--no-journal', [CompletionResultType]::ParameterName, 'Do not read or write the order journal (see docs/journal.md)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Query the status of one or more orders')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'paycli;status;check' {
            [CompletionResult]::new('--rrn', '--rrn', [CompletionResultType]::ParameterName, 'Retrieval reference number (zenospay; used first when present)')
            [CompletionResult]::new('--from', '--from', [CompletionResultType]::ParameterName, 'Read ids from a file (- = stdin): one a line, CSV with an order_id column, or NDJSON')
            [CompletionResult]::new('--expect', '--expect', [CompletionResultType]::ParameterName, 'Exit 7 unless every result has this status')
            [CompletionResult]::new('--older-than', '--older-than', [CompletionResultType]::ParameterName, 'With --pending: only orders created at least this long ago (e.g. 15m, 2h)')
            [CompletionResult]::new('--recheck-after', '--recheck-after', [CompletionResultType]::ParameterName, 'With --pending: skip orders checked (by any host) less than this long ago [default: since this run began]')
            [CompletionResult]::new('--lease', '--lease', [CompletionResultType]::ParameterName, 'With --pending: how long claimed orders stay reserved for this run; a killed run''s orders return after it')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Status checks in flight at once')
            [CompletionResult]::new('--rate', '--rate', [CompletionResultType]::ParameterName, 'At most this many requests a second, e.g. 50/s or 600/m (retries count too)')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries per order for network errors, HTTP 5xx and 429, and the provider''s retryable answers')
            [CompletionResult]::new('--budget', '--budget', [CompletionResultType]::ParameterName, 'Total time for one order''s check, every attempt and wait included (e.g. 30s, 2m); a Retry-After beyond it ends the check as a retryable error')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile to use (else `default_profile` in the config)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (else `default_profile` in the config)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (else <config dir>/paycli/config.toml)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: auto is a table on a terminal, json otherwise')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: auto is a table on a terminal, json otherwise')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour: auto colours only on a terminal (NO_COLOR is honoured)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Per-request timeout in seconds [default: profile''s `timeout`, else 30]')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Also trust the CA certificates in this PEM file (a private CA); checks stay on')
            [CompletionResult]::new('--pending', '--pending', [CompletionResultType]::ParameterName, 'Check every order of the selected profile that the journal has as not final')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Build and sign the request, print it, send nothing')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show the HTTP exchange on stderr (credentials redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show the HTTP exchange on stderr (credentials redacted)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No summaries, progress or notes on stderr (errors and warnings still print)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No summaries, progress or notes on stderr (errors and warnings still print)')
            [CompletionResult]::new('--no-journal', '--no-journal', [CompletionResultType]::ParameterName, 'Do not read or write the order journal (see docs/journal.md)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'paycli;status;help' {
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Query the status of one or more orders')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'paycli;status;help;check' {
            break
        }
        'paycli;status;help;help' {
            break
        }
        'paycli;callback' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile to use (else `default_profile` in the config)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (else `default_profile` in the config)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (else <config dir>/paycli/config.toml)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: auto is a table on a terminal, json otherwise')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: auto is a table on a terminal, json otherwise')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour: auto colours only on a terminal (NO_COLOR is honoured)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Per-request timeout in seconds [default: profile''s `timeout`, else 30]')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Also trust the CA certificates in this PEM file (a private CA); checks stay on')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show the HTTP exchange on stderr (credentials redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show the HTTP exchange on stderr (credentials redacted)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No summaries, progress or notes on stderr (errors and warnings still print)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No summaries, progress or notes on stderr (errors and warnings still print)')
            [CompletionResult]::new('--no-journal', '--no-journal', [CompletionResultType]::ParameterName, 'Do not read or write the order journal (see docs/journal.md)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Verify captured callbacks: raw HTTP request files (or directories of them) or bodies with --header')
            [CompletionResult]::new('listen', 'listen', [CompletionResultType]::ParameterValue, 'Receive callbacks on 127.0.0.1: verify, print, save, and answer or forward each one')
            [CompletionResult]::new('send', 'send', [CompletionResultType]::ParameterValue, 'Send a signed test callback in the provider''s real shape to your endpoint')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'paycli;callback;verify' {
            [CompletionResult]::new('-H', '-H ', [CompletionResultType]::ParameterName, 'A header of the captured request, for bare bodies: ''Name: value'' (repeatable)')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'A header of the captured request, for bare bodies: ''Name: value'' (repeatable)')
            [CompletionResult]::new('--at', '--at', [CompletionResultType]::ParameterName, 'Verify as of this time (RFC 3339 or epoch seconds): captured files are old')
            [CompletionResult]::new('--tolerance', '--tolerance', [CompletionResultType]::ParameterName, 'How far a signed timestamp may be from now (or --at)')
            [CompletionResult]::new('--max-age', '--max-age', [CompletionResultType]::ParameterName, 'Reject signed tokens older than this (payfect)')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile to use (else `default_profile` in the config)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (else `default_profile` in the config)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (else <config dir>/paycli/config.toml)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: auto is a table on a terminal, json otherwise')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: auto is a table on a terminal, json otherwise')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour: auto colours only on a terminal (NO_COLOR is honoured)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Per-request timeout in seconds [default: profile''s `timeout`, else 30]')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Also trust the CA certificates in this PEM file (a private CA); checks stay on')
            [CompletionResult]::new('--requery', '--requery', [CompletionResultType]::ParameterName, 'Also ask the provider''s status API and require it to agree (paid, amount, currency)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show the HTTP exchange on stderr (credentials redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show the HTTP exchange on stderr (credentials redacted)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No summaries, progress or notes on stderr (errors and warnings still print)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No summaries, progress or notes on stderr (errors and warnings still print)')
            [CompletionResult]::new('--no-journal', '--no-journal', [CompletionResultType]::ParameterName, 'Do not read or write the order journal (see docs/journal.md)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'paycli;callback;listen' {
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Port on 127.0.0.1 (0 picks a free one)')
            [CompletionResult]::new('--forward-to', '--forward-to', [CompletionResultType]::ParameterName, 'Pass verified callbacks on, byte for byte, to your endpoint and relay its answer. A URL without a path gets the incoming path and query appended')
            [CompletionResult]::new('--budget', '--budget', [CompletionResultType]::ParameterName, 'Time to have every answer ready, a requery included: 1500ms, 1.5s, 3s (default: the provider''s, 1.5s for zenospay, 5s for the others)')
            [CompletionResult]::new('--save-dir', '--save-dir', [CompletionResultType]::ParameterName, 'Save every request as a raw HTTP file that `callback verify` reads as is')
            [CompletionResult]::new('--tolerance', '--tolerance', [CompletionResultType]::ParameterName, 'How far a signed timestamp may be from now')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile to use (else `default_profile` in the config)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (else `default_profile` in the config)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (else <config dir>/paycli/config.toml)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: auto is a table on a terminal, json otherwise')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: auto is a table on a terminal, json otherwise')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour: auto colours only on a terminal (NO_COLOR is honoured)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Per-request timeout in seconds [default: profile''s `timeout`, else 30]')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Also trust the CA certificates in this PEM file (a private CA); checks stay on')
            [CompletionResult]::new('--forward-unverified', '--forward-unverified', [CompletionResultType]::ParameterName, 'With --forward-to, also pass on callbacks that did not verify (to test your app''s own checks)')
            [CompletionResult]::new('--requery', '--requery', [CompletionResultType]::ParameterName, 'Also ask the provider''s status API about each callback (needs the profile''s API access)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show the HTTP exchange on stderr (credentials redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show the HTTP exchange on stderr (credentials redacted)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No summaries, progress or notes on stderr (errors and warnings still print)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No summaries, progress or notes on stderr (errors and warnings still print)')
            [CompletionResult]::new('--no-journal', '--no-journal', [CompletionResultType]::ParameterName, 'Do not read or write the order journal (see docs/journal.md)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'paycli;callback;send' {
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'Your webhook endpoint')
            [CompletionResult]::new('--order-id', '--order-id', [CompletionResultType]::ParameterName, 'The merchant order id the callback is about')
            [CompletionResult]::new('--status', '--status', [CompletionResultType]::ParameterName, 'What the callback reports')
            [CompletionResult]::new('--amount', '--amount', [CompletionResultType]::ParameterName, 'Amount in major units (else the provider''s demo amount)')
            [CompletionResult]::new('--currency', '--currency', [CompletionResultType]::ParameterName, 'Currency (else the provider''s default)')
            [CompletionResult]::new('--channel', '--channel', [CompletionResultType]::ParameterName, 'Payment channel the callback names (else the provider''s first)')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Sign with this key instead of the sandbox''s (a file; first line). Supported: cashy (its api_key)')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile to use (else `default_profile` in the config)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (else `default_profile` in the config)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (else <config dir>/paycli/config.toml)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: auto is a table on a terminal, json otherwise')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: auto is a table on a terminal, json otherwise')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour: auto colours only on a terminal (NO_COLOR is honoured)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Per-request timeout in seconds [default: profile''s `timeout`, else 30]')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Also trust the CA certificates in this PEM file (a private CA); checks stay on')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the callback as a raw HTTP request instead of sending it')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show the HTTP exchange on stderr (credentials redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show the HTTP exchange on stderr (credentials redacted)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No summaries, progress or notes on stderr (errors and warnings still print)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No summaries, progress or notes on stderr (errors and warnings still print)')
            [CompletionResult]::new('--no-journal', '--no-journal', [CompletionResultType]::ParameterName, 'Do not read or write the order journal (see docs/journal.md)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'paycli;callback;help' {
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Verify captured callbacks: raw HTTP request files (or directories of them) or bodies with --header')
            [CompletionResult]::new('listen', 'listen', [CompletionResultType]::ParameterValue, 'Receive callbacks on 127.0.0.1: verify, print, save, and answer or forward each one')
            [CompletionResult]::new('send', 'send', [CompletionResultType]::ParameterValue, 'Send a signed test callback in the provider''s real shape to your endpoint')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'paycli;callback;help;verify' {
            break
        }
        'paycli;callback;help;listen' {
            break
        }
        'paycli;callback;help;send' {
            break
        }
        'paycli;callback;help;help' {
            break
        }
        'paycli;orders' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile to use (else `default_profile` in the config)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (else `default_profile` in the config)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (else <config dir>/paycli/config.toml)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: auto is a table on a terminal, json otherwise')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: auto is a table on a terminal, json otherwise')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour: auto colours only on a terminal (NO_COLOR is honoured)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Per-request timeout in seconds [default: profile''s `timeout`, else 30]')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Also trust the CA certificates in this PEM file (a private CA); checks stay on')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show the HTTP exchange on stderr (credentials redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show the HTTP exchange on stderr (credentials redacted)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No summaries, progress or notes on stderr (errors and warnings still print)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No summaries, progress or notes on stderr (errors and warnings still print)')
            [CompletionResult]::new('--no-journal', '--no-journal', [CompletionResultType]::ParameterName, 'Do not read or write the order journal (see docs/journal.md)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List journal entries (every profile unless --of-profile)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'paycli;orders;list' {
            [CompletionResult]::new('--of-profile', '--of-profile', [CompletionResultType]::ParameterName, 'Only this profile''s orders (the global -p selects a profile for provider calls, not this)')
            [CompletionResult]::new('--provider', '--provider', [CompletionResultType]::ParameterName, 'Only this provider''s orders')
            [CompletionResult]::new('--status', '--status', [CompletionResultType]::ParameterName, 'Only orders with this status (repeatable)')
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'Only orders created within this long (30m, 2h, 1d) or since this time (RFC 3339)')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile to use (else `default_profile` in the config)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (else `default_profile` in the config)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (else <config dir>/paycli/config.toml)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: auto is a table on a terminal, json otherwise')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: auto is a table on a terminal, json otherwise')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour: auto colours only on a terminal (NO_COLOR is honoured)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Per-request timeout in seconds [default: profile''s `timeout`, else 30]')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Also trust the CA certificates in this PEM file (a private CA); checks stay on')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show the HTTP exchange on stderr (credentials redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show the HTTP exchange on stderr (credentials redacted)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No summaries, progress or notes on stderr (errors and warnings still print)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No summaries, progress or notes on stderr (errors and warnings still print)')
            [CompletionResult]::new('--no-journal', '--no-journal', [CompletionResultType]::ParameterName, 'Do not read or write the order journal (see docs/journal.md)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'paycli;orders;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List journal entries (every profile unless --of-profile)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'paycli;orders;help;list' {
            break
        }
        'paycli;orders;help;help' {
            break
        }
        'paycli;journal' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile to use (else `default_profile` in the config)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (else `default_profile` in the config)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (else <config dir>/paycli/config.toml)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: auto is a table on a terminal, json otherwise')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: auto is a table on a terminal, json otherwise')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour: auto colours only on a terminal (NO_COLOR is honoured)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Per-request timeout in seconds [default: profile''s `timeout`, else 30]')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Also trust the CA certificates in this PEM file (a private CA); checks stay on')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show the HTTP exchange on stderr (credentials redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show the HTTP exchange on stderr (credentials redacted)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No summaries, progress or notes on stderr (errors and warnings still print)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No summaries, progress or notes on stderr (errors and warnings still print)')
            [CompletionResult]::new('--no-journal', '--no-journal', [CompletionResultType]::ParameterName, 'Do not read or write the order journal (see docs/journal.md)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('migrate', 'migrate', [CompletionResultType]::ParameterValue, 'Bring the journal''s schema up to date (paycli applies additive steps by itself)')
            [CompletionResult]::new('copy', 'copy', [CompletionResultType]::ParameterValue, 'Copy every order and callback event of this journal into another one (e.g. into PostgreSQL)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'paycli;journal;migrate' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile to use (else `default_profile` in the config)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (else `default_profile` in the config)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (else <config dir>/paycli/config.toml)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: auto is a table on a terminal, json otherwise')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: auto is a table on a terminal, json otherwise')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour: auto colours only on a terminal (NO_COLOR is honoured)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Per-request timeout in seconds [default: profile''s `timeout`, else 30]')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Also trust the CA certificates in this PEM file (a private CA); checks stay on')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show the HTTP exchange on stderr (credentials redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show the HTTP exchange on stderr (credentials redacted)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No summaries, progress or notes on stderr (errors and warnings still print)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No summaries, progress or notes on stderr (errors and warnings still print)')
            [CompletionResult]::new('--no-journal', '--no-journal', [CompletionResultType]::ParameterName, 'Do not read or write the order journal (see docs/journal.md)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'paycli;journal;copy' {
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'The target: a postgres:// URL or an SQLite file; - reads it from stdin''s first line (keeps a password out of `ps`)')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile to use (else `default_profile` in the config)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (else `default_profile` in the config)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (else <config dir>/paycli/config.toml)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: auto is a table on a terminal, json otherwise')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: auto is a table on a terminal, json otherwise')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour: auto colours only on a terminal (NO_COLOR is honoured)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Per-request timeout in seconds [default: profile''s `timeout`, else 30]')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Also trust the CA certificates in this PEM file (a private CA); checks stay on')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show the HTTP exchange on stderr (credentials redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show the HTTP exchange on stderr (credentials redacted)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No summaries, progress or notes on stderr (errors and warnings still print)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No summaries, progress or notes on stderr (errors and warnings still print)')
            [CompletionResult]::new('--no-journal', '--no-journal', [CompletionResultType]::ParameterName, 'Do not read or write the order journal (see docs/journal.md)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'paycli;journal;help' {
            [CompletionResult]::new('migrate', 'migrate', [CompletionResultType]::ParameterValue, 'Bring the journal''s schema up to date (paycli applies additive steps by itself)')
            [CompletionResult]::new('copy', 'copy', [CompletionResultType]::ParameterValue, 'Copy every order and callback event of this journal into another one (e.g. into PostgreSQL)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'paycli;journal;help;migrate' {
            break
        }
        'paycli;journal;help;copy' {
            break
        }
        'paycli;journal;help;help' {
            break
        }
        'paycli;reconcile' {
            [CompletionResult]::new('--ledger', '--ledger', [CompletionResultType]::ParameterName, 'The ledger: CSV with a header row (order id, amount, optional currency and status columns)')
            [CompletionResult]::new('--report', '--report', [CompletionResultType]::ParameterName, 'Write the report here (atomically: a temporary file renamed into place when complete)')
            [CompletionResult]::new('--order-id-column', '--order-id-column', [CompletionResultType]::ParameterName, 'The ledger column with your order ids')
            [CompletionResult]::new('--amount-column', '--amount-column', [CompletionResultType]::ParameterName, 'The ledger column with the booked amounts, in major units')
            [CompletionResult]::new('--currency-column', '--currency-column', [CompletionResultType]::ParameterName, 'Used when the ledger has it')
            [CompletionResult]::new('--status-column', '--status-column', [CompletionResultType]::ParameterName, 'Used when the ledger has it; without it every ledger row counts as booked paid')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Status checks in flight at once')
            [CompletionResult]::new('--rate', '--rate', [CompletionResultType]::ParameterName, 'At most this many requests a second, e.g. 50/s or 600/m (retries count too)')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries per order for network errors, HTTP 5xx and 429, and the provider''s retryable answers')
            [CompletionResult]::new('--budget', '--budget', [CompletionResultType]::ParameterName, 'Total time for one order''s check, every attempt and wait included (e.g. 30s, 2m); a Retry-After beyond it ends the check as a retryable error')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile to use (else `default_profile` in the config)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (else `default_profile` in the config)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (else <config dir>/paycli/config.toml)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: auto is a table on a terminal, json otherwise')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: auto is a table on a terminal, json otherwise')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour: auto colours only on a terminal (NO_COLOR is honoured)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Per-request timeout in seconds [default: profile''s `timeout`, else 30]')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Also trust the CA certificates in this PEM file (a private CA); checks stay on')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show the HTTP exchange on stderr (credentials redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show the HTTP exchange on stderr (credentials redacted)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No summaries, progress or notes on stderr (errors and warnings still print)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No summaries, progress or notes on stderr (errors and warnings still print)')
            [CompletionResult]::new('--no-journal', '--no-journal', [CompletionResultType]::ParameterName, 'Do not read or write the order journal (see docs/journal.md)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'paycli;config' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile to use (else `default_profile` in the config)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (else `default_profile` in the config)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (else <config dir>/paycli/config.toml)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: auto is a table on a terminal, json otherwise')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: auto is a table on a terminal, json otherwise')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour: auto colours only on a terminal (NO_COLOR is honoured)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Per-request timeout in seconds [default: profile''s `timeout`, else 30]')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Also trust the CA certificates in this PEM file (a private CA); checks stay on')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show the HTTP exchange on stderr (credentials redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show the HTTP exchange on stderr (credentials redacted)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No summaries, progress or notes on stderr (errors and warnings still print)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No summaries, progress or notes on stderr (errors and warnings still print)')
            [CompletionResult]::new('--no-journal', '--no-journal', [CompletionResultType]::ParameterName, 'Do not read or write the order journal (see docs/journal.md)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('path', 'path', [CompletionResultType]::ParameterValue, 'Print where the config file is')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the profiles (config file and built-in)')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one profile with secrets redacted')
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Write a commented starter config file')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'paycli;config;path' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile to use (else `default_profile` in the config)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (else `default_profile` in the config)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (else <config dir>/paycli/config.toml)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: auto is a table on a terminal, json otherwise')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: auto is a table on a terminal, json otherwise')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour: auto colours only on a terminal (NO_COLOR is honoured)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Per-request timeout in seconds [default: profile''s `timeout`, else 30]')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Also trust the CA certificates in this PEM file (a private CA); checks stay on')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show the HTTP exchange on stderr (credentials redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show the HTTP exchange on stderr (credentials redacted)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No summaries, progress or notes on stderr (errors and warnings still print)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No summaries, progress or notes on stderr (errors and warnings still print)')
            [CompletionResult]::new('--no-journal', '--no-journal', [CompletionResultType]::ParameterName, 'Do not read or write the order journal (see docs/journal.md)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'paycli;config;list' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile to use (else `default_profile` in the config)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (else `default_profile` in the config)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (else <config dir>/paycli/config.toml)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: auto is a table on a terminal, json otherwise')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: auto is a table on a terminal, json otherwise')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour: auto colours only on a terminal (NO_COLOR is honoured)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Per-request timeout in seconds [default: profile''s `timeout`, else 30]')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Also trust the CA certificates in this PEM file (a private CA); checks stay on')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show the HTTP exchange on stderr (credentials redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show the HTTP exchange on stderr (credentials redacted)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No summaries, progress or notes on stderr (errors and warnings still print)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No summaries, progress or notes on stderr (errors and warnings still print)')
            [CompletionResult]::new('--no-journal', '--no-journal', [CompletionResultType]::ParameterName, 'Do not read or write the order journal (see docs/journal.md)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'paycli;config;show' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile to use (else `default_profile` in the config)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (else `default_profile` in the config)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (else <config dir>/paycli/config.toml)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: auto is a table on a terminal, json otherwise')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: auto is a table on a terminal, json otherwise')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour: auto colours only on a terminal (NO_COLOR is honoured)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Per-request timeout in seconds [default: profile''s `timeout`, else 30]')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Also trust the CA certificates in this PEM file (a private CA); checks stay on')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show the HTTP exchange on stderr (credentials redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show the HTTP exchange on stderr (credentials redacted)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No summaries, progress or notes on stderr (errors and warnings still print)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No summaries, progress or notes on stderr (errors and warnings still print)')
            [CompletionResult]::new('--no-journal', '--no-journal', [CompletionResultType]::ParameterName, 'Do not read or write the order journal (see docs/journal.md)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'paycli;config;init' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile to use (else `default_profile` in the config)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (else `default_profile` in the config)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (else <config dir>/paycli/config.toml)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: auto is a table on a terminal, json otherwise')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: auto is a table on a terminal, json otherwise')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour: auto colours only on a terminal (NO_COLOR is honoured)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Per-request timeout in seconds [default: profile''s `timeout`, else 30]')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Also trust the CA certificates in this PEM file (a private CA); checks stay on')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Overwrite an existing file')
            [CompletionResult]::new('--stdout', '--stdout', [CompletionResultType]::ParameterName, 'Print it instead of writing it')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show the HTTP exchange on stderr (credentials redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show the HTTP exchange on stderr (credentials redacted)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No summaries, progress or notes on stderr (errors and warnings still print)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No summaries, progress or notes on stderr (errors and warnings still print)')
            [CompletionResult]::new('--no-journal', '--no-journal', [CompletionResultType]::ParameterName, 'Do not read or write the order journal (see docs/journal.md)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'paycli;config;help' {
            [CompletionResult]::new('path', 'path', [CompletionResultType]::ParameterValue, 'Print where the config file is')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the profiles (config file and built-in)')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one profile with secrets redacted')
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Write a commented starter config file')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'paycli;config;help;path' {
            break
        }
        'paycli;config;help;list' {
            break
        }
        'paycli;config;help;show' {
            break
        }
        'paycli;config;help;init' {
            break
        }
        'paycli;config;help;help' {
            break
        }
        'paycli;completions' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile to use (else `default_profile` in the config)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (else `default_profile` in the config)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (else <config dir>/paycli/config.toml)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: auto is a table on a terminal, json otherwise')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: auto is a table on a terminal, json otherwise')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour: auto colours only on a terminal (NO_COLOR is honoured)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Per-request timeout in seconds [default: profile''s `timeout`, else 30]')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Also trust the CA certificates in this PEM file (a private CA); checks stay on')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show the HTTP exchange on stderr (credentials redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show the HTTP exchange on stderr (credentials redacted)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No summaries, progress or notes on stderr (errors and warnings still print)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No summaries, progress or notes on stderr (errors and warnings still print)')
            [CompletionResult]::new('--no-journal', '--no-journal', [CompletionResultType]::ParameterName, 'Do not read or write the order journal (see docs/journal.md)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'paycli;sandbox' {
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Port on 127.0.0.1 (0 picks a free one; the address is printed on stderr)')
            [CompletionResult]::new('--time-scale', '--time-scale', [CompletionResultType]::ParameterName, 'Divide callback retry waits by N (e.g. 60 makes Cashy''s 1-minute retry a second)')
            [CompletionResult]::new('--state', '--state', [CompletionResultType]::ParameterName, 'Keep orders in this file across restarts')
            [CompletionResult]::new('--set', '--set', [CompletionResultType]::ParameterName, 'A merchant setting of an emulated provider: PROVIDER.KEY=VALUE (repeatable)')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile to use (else `default_profile` in the config)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (else `default_profile` in the config)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (else <config dir>/paycli/config.toml)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: auto is a table on a terminal, json otherwise')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: auto is a table on a terminal, json otherwise')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour: auto colours only on a terminal (NO_COLOR is honoured)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Per-request timeout in seconds [default: profile''s `timeout`, else 30]')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Also trust the CA certificates in this PEM file (a private CA); checks stay on')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show the HTTP exchange on stderr (credentials redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show the HTTP exchange on stderr (credentials redacted)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No summaries, progress or notes on stderr (errors and warnings still print)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No summaries, progress or notes on stderr (errors and warnings still print)')
            [CompletionResult]::new('--no-journal', '--no-journal', [CompletionResultType]::ParameterName, 'Do not read or write the order journal (see docs/journal.md)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'paycli;demo' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile to use (else `default_profile` in the config)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (else `default_profile` in the config)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (else <config dir>/paycli/config.toml)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: auto is a table on a terminal, json otherwise')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: auto is a table on a terminal, json otherwise')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour: auto colours only on a terminal (NO_COLOR is honoured)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Per-request timeout in seconds [default: profile''s `timeout`, else 30]')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Also trust the CA certificates in this PEM file (a private CA); checks stay on')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show the HTTP exchange on stderr (credentials redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show the HTTP exchange on stderr (credentials redacted)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No summaries, progress or notes on stderr (errors and warnings still print)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No summaries, progress or notes on stderr (errors and warnings still print)')
            [CompletionResult]::new('--no-journal', '--no-journal', [CompletionResultType]::ParameterName, 'Do not read or write the order journal (see docs/journal.md)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'paycli;doctor' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile to use (else `default_profile` in the config)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (else `default_profile` in the config)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (else <config dir>/paycli/config.toml)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: auto is a table on a terminal, json otherwise')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: auto is a table on a terminal, json otherwise')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour: auto colours only on a terminal (NO_COLOR is honoured)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Per-request timeout in seconds [default: profile''s `timeout`, else 30]')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Also trust the CA certificates in this PEM file (a private CA); checks stay on')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show the HTTP exchange on stderr (credentials redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show the HTTP exchange on stderr (credentials redacted)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No summaries, progress or notes on stderr (errors and warnings still print)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No summaries, progress or notes on stderr (errors and warnings still print)')
            [CompletionResult]::new('--no-journal', '--no-journal', [CompletionResultType]::ParameterName, 'Do not read or write the order journal (see docs/journal.md)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'paycli;manpage' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Profile to use (else `default_profile` in the config)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (else `default_profile` in the config)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (else <config dir>/paycli/config.toml)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format: auto is a table on a terminal, json otherwise')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format: auto is a table on a terminal, json otherwise')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour: auto colours only on a terminal (NO_COLOR is honoured)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Per-request timeout in seconds [default: profile''s `timeout`, else 30]')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Also trust the CA certificates in this PEM file (a private CA); checks stay on')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show the HTTP exchange on stderr (credentials redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show the HTTP exchange on stderr (credentials redacted)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'No summaries, progress or notes on stderr (errors and warnings still print)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'No summaries, progress or notes on stderr (errors and warnings still print)')
            [CompletionResult]::new('--no-journal', '--no-journal', [CompletionResultType]::ParameterName, 'Do not read or write the order journal (see docs/journal.md)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'paycli;help' {
            [CompletionResult]::new('checkout', 'checkout', [CompletionResultType]::ParameterValue, 'Create hosted checkouts')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Query the provider for order status')
            [CompletionResult]::new('callback', 'callback', [CompletionResultType]::ParameterValue, 'Verify captured callbacks (webhooks)')
            [CompletionResult]::new('orders', 'orders', [CompletionResultType]::ParameterValue, 'The order journal: what paycli created and the latest status it learned')
            [CompletionResult]::new('journal', 'journal', [CompletionResultType]::ParameterValue, 'The journal''s store: schema migrations, copying it into PostgreSQL (see docs/journal.md)')
            [CompletionResult]::new('reconcile', 'reconcile', [CompletionResultType]::ParameterValue, 'Check every order of a ledger CSV against the provider and classify the differences')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'Inspect and create the configuration')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('sandbox', 'sandbox', [CompletionResultType]::ParameterValue, 'Run a local emulator of every provider on 127.0.0.1')
            [CompletionResult]::new('demo', 'demo', [CompletionResultType]::ParameterValue, 'Run the whole loop offline against an in-process sandbox')
            [CompletionResult]::new('doctor', 'doctor', [CompletionResultType]::ParameterValue, 'Check a profile without creating anything: config, secrets, keys, network, clock, credentials')
            [CompletionResult]::new('manpage', 'manpage', [CompletionResultType]::ParameterValue, 'Print the man page (roff), as committed under man/')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'paycli;help;checkout' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a checkout and print the URL to send the customer to')
            break
        }
        'paycli;help;checkout;create' {
            break
        }
        'paycli;help;status' {
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Query the status of one or more orders')
            break
        }
        'paycli;help;status;check' {
            break
        }
        'paycli;help;callback' {
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Verify captured callbacks: raw HTTP request files (or directories of them) or bodies with --header')
            [CompletionResult]::new('listen', 'listen', [CompletionResultType]::ParameterValue, 'Receive callbacks on 127.0.0.1: verify, print, save, and answer or forward each one')
            [CompletionResult]::new('send', 'send', [CompletionResultType]::ParameterValue, 'Send a signed test callback in the provider''s real shape to your endpoint')
            break
        }
        'paycli;help;callback;verify' {
            break
        }
        'paycli;help;callback;listen' {
            break
        }
        'paycli;help;callback;send' {
            break
        }
        'paycli;help;orders' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List journal entries (every profile unless --of-profile)')
            break
        }
        'paycli;help;orders;list' {
            break
        }
        'paycli;help;journal' {
            [CompletionResult]::new('migrate', 'migrate', [CompletionResultType]::ParameterValue, 'Bring the journal''s schema up to date (paycli applies additive steps by itself)')
            [CompletionResult]::new('copy', 'copy', [CompletionResultType]::ParameterValue, 'Copy every order and callback event of this journal into another one (e.g. into PostgreSQL)')
            break
        }
        'paycli;help;journal;migrate' {
            break
        }
        'paycli;help;journal;copy' {
            break
        }
        'paycli;help;reconcile' {
            break
        }
        'paycli;help;config' {
            [CompletionResult]::new('path', 'path', [CompletionResultType]::ParameterValue, 'Print where the config file is')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the profiles (config file and built-in)')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one profile with secrets redacted')
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Write a commented starter config file')
            break
        }
        'paycli;help;config;path' {
            break
        }
        'paycli;help;config;list' {
            break
        }
        'paycli;help;config;show' {
            break
        }
        'paycli;help;config;init' {
            break
        }
        'paycli;help;completions' {
            break
        }
        'paycli;help;sandbox' {
            break
        }
        'paycli;help;demo' {
            break
        }
        'paycli;help;doctor' {
            break
        }
        'paycli;help;manpage' {
            break
        }
        'paycli;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
