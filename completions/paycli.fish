# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_paycli_global_optspecs
    string join \n p/profile= config= o/output= color= v/verbose timeout= q/quiet no-journal ca-cert= h/help V/version
end

function __fish_paycli_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_paycli_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_paycli_using_subcommand
    set -l cmd (__fish_paycli_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c paycli -n "__fish_paycli_needs_command" -s p -l profile -d 'Profile to use (else `default_profile` in the config)' -r
complete -c paycli -n "__fish_paycli_needs_command" -l config -d 'Config file (else <config dir>/paycli/config.toml)' -r -F
complete -c paycli -n "__fish_paycli_needs_command" -s o -l output -d 'Output format: auto is a table on a terminal, json otherwise' -r -f -a "auto\t'A table on a terminal, json otherwise'
table\t'A table for people'
json\t'One object, or an array for several items'
ndjson\t'One object a line'
csv\t'A header row and one row per item'"
complete -c paycli -n "__fish_paycli_needs_command" -l color -d 'Colour: auto colours only on a terminal (NO_COLOR is honoured)' -r -f -a "auto\t'Colour only on a terminal, unless NO_COLOR is set'
always\t''
never\t''"
complete -c paycli -n "__fish_paycli_needs_command" -l timeout -d 'Per-request timeout in seconds [default: profile\'s `timeout`, else 30]' -r
complete -c paycli -n "__fish_paycli_needs_command" -l ca-cert -d 'Also trust the CA certificates in this PEM file (a private CA); checks stay on' -r -F
complete -c paycli -n "__fish_paycli_needs_command" -s v -l verbose -d 'Show the HTTP exchange on stderr (credentials redacted)'
complete -c paycli -n "__fish_paycli_needs_command" -s q -l quiet -d 'No summaries, progress or notes on stderr (errors and warnings still print)'
complete -c paycli -n "__fish_paycli_needs_command" -l no-journal -d 'Do not read or write the order journal (see docs/journal.md)'
complete -c paycli -n "__fish_paycli_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c paycli -n "__fish_paycli_needs_command" -s V -l version -d 'Print version'
complete -c paycli -n "__fish_paycli_needs_command" -f -a "checkout" -d 'Create hosted checkouts'
complete -c paycli -n "__fish_paycli_needs_command" -f -a "status" -d 'Query the provider for order status'
complete -c paycli -n "__fish_paycli_needs_command" -f -a "callback" -d 'Verify captured callbacks (webhooks)'
complete -c paycli -n "__fish_paycli_needs_command" -f -a "orders" -d 'The order journal: what paycli created and the latest status it learned'
complete -c paycli -n "__fish_paycli_needs_command" -f -a "journal" -d 'The journal\'s store: schema migrations, copying it into PostgreSQL (see docs/journal.md)'
complete -c paycli -n "__fish_paycli_needs_command" -f -a "reconcile" -d 'Check every order of a ledger CSV against the provider and classify the differences'
complete -c paycli -n "__fish_paycli_needs_command" -f -a "config" -d 'Inspect and create the configuration'
complete -c paycli -n "__fish_paycli_needs_command" -f -a "completions" -d 'Print a shell completion script'
complete -c paycli -n "__fish_paycli_needs_command" -f -a "sandbox" -d 'Run a local emulator of every provider on 127.0.0.1'
complete -c paycli -n "__fish_paycli_needs_command" -f -a "demo" -d 'Run the whole loop offline against an in-process sandbox'
complete -c paycli -n "__fish_paycli_needs_command" -f -a "doctor" -d 'Check a profile without creating anything: config, secrets, keys, network, clock, credentials'
complete -c paycli -n "__fish_paycli_needs_command" -f -a "manpage" -d 'Print the man page (roff), as committed under man/'
complete -c paycli -n "__fish_paycli_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c paycli -n "__fish_paycli_using_subcommand checkout; and not __fish_seen_subcommand_from create help" -s p -l profile -d 'Profile to use (else `default_profile` in the config)' -r
complete -c paycli -n "__fish_paycli_using_subcommand checkout; and not __fish_seen_subcommand_from create help" -l config -d 'Config file (else <config dir>/paycli/config.toml)' -r -F
complete -c paycli -n "__fish_paycli_using_subcommand checkout; and not __fish_seen_subcommand_from create help" -s o -l output -d 'Output format: auto is a table on a terminal, json otherwise' -r -f -a "auto\t'A table on a terminal, json otherwise'
table\t'A table for people'
json\t'One object, or an array for several items'
ndjson\t'One object a line'
csv\t'A header row and one row per item'"
complete -c paycli -n "__fish_paycli_using_subcommand checkout; and not __fish_seen_subcommand_from create help" -l color -d 'Colour: auto colours only on a terminal (NO_COLOR is honoured)' -r -f -a "auto\t'Colour only on a terminal, unless NO_COLOR is set'
always\t''
never\t''"
complete -c paycli -n "__fish_paycli_using_subcommand checkout; and not __fish_seen_subcommand_from create help" -l timeout -d 'Per-request timeout in seconds [default: profile\'s `timeout`, else 30]' -r
complete -c paycli -n "__fish_paycli_using_subcommand checkout; and not __fish_seen_subcommand_from create help" -l ca-cert -d 'Also trust the CA certificates in this PEM file (a private CA); checks stay on' -r -F
complete -c paycli -n "__fish_paycli_using_subcommand checkout; and not __fish_seen_subcommand_from create help" -s v -l verbose -d 'Show the HTTP exchange on stderr (credentials redacted)'
complete -c paycli -n "__fish_paycli_using_subcommand checkout; and not __fish_seen_subcommand_from create help" -s q -l quiet -d 'No summaries, progress or notes on stderr (errors and warnings still print)'
complete -c paycli -n "__fish_paycli_using_subcommand checkout; and not __fish_seen_subcommand_from create help" -l no-journal -d 'Do not read or write the order journal (see docs/journal.md)'
complete -c paycli -n "__fish_paycli_using_subcommand checkout; and not __fish_seen_subcommand_from create help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c paycli -n "__fish_paycli_using_subcommand checkout; and not __fish_seen_subcommand_from create help" -f -a "create" -d 'Create a checkout and print the URL to send the customer to'
complete -c paycli -n "__fish_paycli_using_subcommand checkout; and not __fish_seen_subcommand_from create help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c paycli -n "__fish_paycli_using_subcommand checkout; and __fish_seen_subcommand_from create" -l order-id -d 'Your order id (generated when absent)' -r
complete -c paycli -n "__fish_paycli_using_subcommand checkout; and __fish_seen_subcommand_from create" -l amount -d 'Amount in major units: 100000 (IDR), 50.00 (PHP), 20.5 (USDT); with --item, the items\' total when absent (and it must equal that total when given)' -r
complete -c paycli -n "__fish_paycli_using_subcommand checkout; and __fish_seen_subcommand_from create" -l currency -d 'Currency (defaults to the provider\'s only currency)' -r
complete -c paycli -n "__fish_paycli_using_subcommand checkout; and __fish_seen_subcommand_from create" -l customer-name -d 'The customer\'s name, as the provider shows and checks it' -r
complete -c paycli -n "__fish_paycli_using_subcommand checkout; and __fish_seen_subcommand_from create" -l customer-email -d 'The customer\'s email address' -r
complete -c paycli -n "__fish_paycli_using_subcommand checkout; and __fish_seen_subcommand_from create" -l customer-phone -d 'The customer\'s phone number' -r
complete -c paycli -n "__fish_paycli_using_subcommand checkout; and __fish_seen_subcommand_from create" -l product-name -d 'What is being sold, as the hosted page shows it' -r
complete -c paycli -n "__fish_paycli_using_subcommand checkout; and __fish_seen_subcommand_from create" -l description -d 'A free-text description of the order' -r
complete -c paycli -n "__fish_paycli_using_subcommand checkout; and __fish_seen_subcommand_from create" -l item -d 'A line item NAME:QTY:UNIT_PRICE (repeatable)' -r
complete -c paycli -n "__fish_paycli_using_subcommand checkout; and __fish_seen_subcommand_from create" -l callback-url -d 'Where the provider sends the callback (else the profile\'s setting)' -r
complete -c paycli -n "__fish_paycli_using_subcommand checkout; and __fish_seen_subcommand_from create" -l redirect-url -d 'Where the customer returns after paying (else the profile\'s setting)' -r
complete -c paycli -n "__fish_paycli_using_subcommand checkout; and __fish_seen_subcommand_from create" -l cancel-url -d 'Where the customer returns after cancelling' -r
complete -c paycli -n "__fish_paycli_using_subcommand checkout; and __fish_seen_subcommand_from create" -l expires-in -d 'How long the checkout stays open: 30m, 2h, 1d, 3600s' -r
complete -c paycli -n "__fish_paycli_using_subcommand checkout; and __fish_seen_subcommand_from create" -l set -d 'A provider field paycli has no flag for: KEY=TEXT, or KEY:=JSON (repeatable)' -r
complete -c paycli -n "__fish_paycli_using_subcommand checkout; and __fish_seen_subcommand_from create" -s p -l profile -d 'Profile to use (else `default_profile` in the config)' -r
complete -c paycli -n "__fish_paycli_using_subcommand checkout; and __fish_seen_subcommand_from create" -l config -d 'Config file (else <config dir>/paycli/config.toml)' -r -F
complete -c paycli -n "__fish_paycli_using_subcommand checkout; and __fish_seen_subcommand_from create" -s o -l output -d 'Output format: auto is a table on a terminal, json otherwise' -r -f -a "auto\t'A table on a terminal, json otherwise'
table\t'A table for people'
json\t'One object, or an array for several items'
ndjson\t'One object a line'
csv\t'A header row and one row per item'"
complete -c paycli -n "__fish_paycli_using_subcommand checkout; and __fish_seen_subcommand_from create" -l color -d 'Colour: auto colours only on a terminal (NO_COLOR is honoured)' -r -f -a "auto\t'Colour only on a terminal, unless NO_COLOR is set'
always\t''
never\t''"
complete -c paycli -n "__fish_paycli_using_subcommand checkout; and __fish_seen_subcommand_from create" -l timeout -d 'Per-request timeout in seconds [default: profile\'s `timeout`, else 30]' -r
complete -c paycli -n "__fish_paycli_using_subcommand checkout; and __fish_seen_subcommand_from create" -l ca-cert -d 'Also trust the CA certificates in this PEM file (a private CA); checks stay on' -r -F
complete -c paycli -n "__fish_paycli_using_subcommand checkout; and __fish_seen_subcommand_from create" -l dry-run -d 'Build and sign the request, print it, send nothing'
complete -c paycli -n "__fish_paycli_using_subcommand checkout; and __fish_seen_subcommand_from create" -l retry-safe -d 'If the answer is lost, resend once, but only after the provider says the order does not exist'
complete -c paycli -n "__fish_paycli_using_subcommand checkout; and __fish_seen_subcommand_from create" -l qr -d 'Also draw the checkout URL as a QR code on stderr (for a phone to scan)'
complete -c paycli -n "__fish_paycli_using_subcommand checkout; and __fish_seen_subcommand_from create" -s v -l verbose -d 'Show the HTTP exchange on stderr (credentials redacted)'
complete -c paycli -n "__fish_paycli_using_subcommand checkout; and __fish_seen_subcommand_from create" -s q -l quiet -d 'No summaries, progress or notes on stderr (errors and warnings still print)'
complete -c paycli -n "__fish_paycli_using_subcommand checkout; and __fish_seen_subcommand_from create" -l no-journal -d 'Do not read or write the order journal (see docs/journal.md)'
complete -c paycli -n "__fish_paycli_using_subcommand checkout; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c paycli -n "__fish_paycli_using_subcommand checkout; and __fish_seen_subcommand_from help" -f -a "create" -d 'Create a checkout and print the URL to send the customer to'
complete -c paycli -n "__fish_paycli_using_subcommand checkout; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c paycli -n "__fish_paycli_using_subcommand status; and not __fish_seen_subcommand_from check help" -s p -l profile -d 'Profile to use (else `default_profile` in the config)' -r
complete -c paycli -n "__fish_paycli_using_subcommand status; and not __fish_seen_subcommand_from check help" -l config -d 'Config file (else <config dir>/paycli/config.toml)' -r -F
complete -c paycli -n "__fish_paycli_using_subcommand status; and not __fish_seen_subcommand_from check help" -s o -l output -d 'Output format: auto is a table on a terminal, json otherwise' -r -f -a "auto\t'A table on a terminal, json otherwise'
table\t'A table for people'
json\t'One object, or an array for several items'
ndjson\t'One object a line'
csv\t'A header row and one row per item'"
complete -c paycli -n "__fish_paycli_using_subcommand status; and not __fish_seen_subcommand_from check help" -l color -d 'Colour: auto colours only on a terminal (NO_COLOR is honoured)' -r -f -a "auto\t'Colour only on a terminal, unless NO_COLOR is set'
always\t''
never\t''"
complete -c paycli -n "__fish_paycli_using_subcommand status; and not __fish_seen_subcommand_from check help" -l timeout -d 'Per-request timeout in seconds [default: profile\'s `timeout`, else 30]' -r
complete -c paycli -n "__fish_paycli_using_subcommand status; and not __fish_seen_subcommand_from check help" -l ca-cert -d 'Also trust the CA certificates in this PEM file (a private CA); checks stay on' -r -F
complete -c paycli -n "__fish_paycli_using_subcommand status; and not __fish_seen_subcommand_from check help" -s v -l verbose -d 'Show the HTTP exchange on stderr (credentials redacted)'
complete -c paycli -n "__fish_paycli_using_subcommand status; and not __fish_seen_subcommand_from check help" -s q -l quiet -d 'No summaries, progress or notes on stderr (errors and warnings still print)'
complete -c paycli -n "__fish_paycli_using_subcommand status; and not __fish_seen_subcommand_from check help" -l no-journal -d 'Do not read or write the order journal (see docs/journal.md)'
complete -c paycli -n "__fish_paycli_using_subcommand status; and not __fish_seen_subcommand_from check help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c paycli -n "__fish_paycli_using_subcommand status; and not __fish_seen_subcommand_from check help" -f -a "check" -d 'Query the status of one or more orders'
complete -c paycli -n "__fish_paycli_using_subcommand status; and not __fish_seen_subcommand_from check help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c paycli -n "__fish_paycli_using_subcommand status; and __fish_seen_subcommand_from check" -l rrn -d 'Retrieval reference number (zenospay; used first when present)' -r
complete -c paycli -n "__fish_paycli_using_subcommand status; and __fish_seen_subcommand_from check" -l from -d 'Read ids from a file (- = stdin): one a line, CSV with an order_id column, or NDJSON' -r
complete -c paycli -n "__fish_paycli_using_subcommand status; and __fish_seen_subcommand_from check" -l expect -d 'Exit 7 unless every result has this status' -r
complete -c paycli -n "__fish_paycli_using_subcommand status; and __fish_seen_subcommand_from check" -l older-than -d 'With --pending: only orders created at least this long ago (e.g. 15m, 2h)' -r
complete -c paycli -n "__fish_paycli_using_subcommand status; and __fish_seen_subcommand_from check" -l recheck-after -d 'With --pending: skip orders checked (by any host) less than this long ago [default: since this run began]' -r
complete -c paycli -n "__fish_paycli_using_subcommand status; and __fish_seen_subcommand_from check" -l lease -d 'With --pending: how long claimed orders stay reserved for this run; a killed run\'s orders return after it' -r
complete -c paycli -n "__fish_paycli_using_subcommand status; and __fish_seen_subcommand_from check" -l concurrency -d 'Status checks in flight at once' -r
complete -c paycli -n "__fish_paycli_using_subcommand status; and __fish_seen_subcommand_from check" -l rate -d 'At most this many requests a second, e.g. 50/s or 600/m (retries count too)' -r
complete -c paycli -n "__fish_paycli_using_subcommand status; and __fish_seen_subcommand_from check" -l retries -d 'Retries per order for network errors, HTTP 5xx and 429, and the provider\'s retryable answers' -r
complete -c paycli -n "__fish_paycli_using_subcommand status; and __fish_seen_subcommand_from check" -l budget -d 'Total time for one order\'s check, every attempt and wait included (e.g. 30s, 2m); a Retry-After beyond it ends the check as a retryable error' -r
complete -c paycli -n "__fish_paycli_using_subcommand status; and __fish_seen_subcommand_from check" -s p -l profile -d 'Profile to use (else `default_profile` in the config)' -r
complete -c paycli -n "__fish_paycli_using_subcommand status; and __fish_seen_subcommand_from check" -l config -d 'Config file (else <config dir>/paycli/config.toml)' -r -F
complete -c paycli -n "__fish_paycli_using_subcommand status; and __fish_seen_subcommand_from check" -s o -l output -d 'Output format: auto is a table on a terminal, json otherwise' -r -f -a "auto\t'A table on a terminal, json otherwise'
table\t'A table for people'
json\t'One object, or an array for several items'
ndjson\t'One object a line'
csv\t'A header row and one row per item'"
complete -c paycli -n "__fish_paycli_using_subcommand status; and __fish_seen_subcommand_from check" -l color -d 'Colour: auto colours only on a terminal (NO_COLOR is honoured)' -r -f -a "auto\t'Colour only on a terminal, unless NO_COLOR is set'
always\t''
never\t''"
complete -c paycli -n "__fish_paycli_using_subcommand status; and __fish_seen_subcommand_from check" -l timeout -d 'Per-request timeout in seconds [default: profile\'s `timeout`, else 30]' -r
complete -c paycli -n "__fish_paycli_using_subcommand status; and __fish_seen_subcommand_from check" -l ca-cert -d 'Also trust the CA certificates in this PEM file (a private CA); checks stay on' -r -F
complete -c paycli -n "__fish_paycli_using_subcommand status; and __fish_seen_subcommand_from check" -l pending -d 'Check every order of the selected profile that the journal has as not final'
complete -c paycli -n "__fish_paycli_using_subcommand status; and __fish_seen_subcommand_from check" -l dry-run -d 'Build and sign the request, print it, send nothing'
complete -c paycli -n "__fish_paycli_using_subcommand status; and __fish_seen_subcommand_from check" -s v -l verbose -d 'Show the HTTP exchange on stderr (credentials redacted)'
complete -c paycli -n "__fish_paycli_using_subcommand status; and __fish_seen_subcommand_from check" -s q -l quiet -d 'No summaries, progress or notes on stderr (errors and warnings still print)'
complete -c paycli -n "__fish_paycli_using_subcommand status; and __fish_seen_subcommand_from check" -l no-journal -d 'Do not read or write the order journal (see docs/journal.md)'
complete -c paycli -n "__fish_paycli_using_subcommand status; and __fish_seen_subcommand_from check" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c paycli -n "__fish_paycli_using_subcommand status; and __fish_seen_subcommand_from help" -f -a "check" -d 'Query the status of one or more orders'
complete -c paycli -n "__fish_paycli_using_subcommand status; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c paycli -n "__fish_paycli_using_subcommand callback; and not __fish_seen_subcommand_from verify listen send help" -s p -l profile -d 'Profile to use (else `default_profile` in the config)' -r
complete -c paycli -n "__fish_paycli_using_subcommand callback; and not __fish_seen_subcommand_from verify listen send help" -l config -d 'Config file (else <config dir>/paycli/config.toml)' -r -F
complete -c paycli -n "__fish_paycli_using_subcommand callback; and not __fish_seen_subcommand_from verify listen send help" -s o -l output -d 'Output format: auto is a table on a terminal, json otherwise' -r -f -a "auto\t'A table on a terminal, json otherwise'
table\t'A table for people'
json\t'One object, or an array for several items'
ndjson\t'One object a line'
csv\t'A header row and one row per item'"
complete -c paycli -n "__fish_paycli_using_subcommand callback; and not __fish_seen_subcommand_from verify listen send help" -l color -d 'Colour: auto colours only on a terminal (NO_COLOR is honoured)' -r -f -a "auto\t'Colour only on a terminal, unless NO_COLOR is set'
always\t''
never\t''"
complete -c paycli -n "__fish_paycli_using_subcommand callback; and not __fish_seen_subcommand_from verify listen send help" -l timeout -d 'Per-request timeout in seconds [default: profile\'s `timeout`, else 30]' -r
complete -c paycli -n "__fish_paycli_using_subcommand callback; and not __fish_seen_subcommand_from verify listen send help" -l ca-cert -d 'Also trust the CA certificates in this PEM file (a private CA); checks stay on' -r -F
complete -c paycli -n "__fish_paycli_using_subcommand callback; and not __fish_seen_subcommand_from verify listen send help" -s v -l verbose -d 'Show the HTTP exchange on stderr (credentials redacted)'
complete -c paycli -n "__fish_paycli_using_subcommand callback; and not __fish_seen_subcommand_from verify listen send help" -s q -l quiet -d 'No summaries, progress or notes on stderr (errors and warnings still print)'
complete -c paycli -n "__fish_paycli_using_subcommand callback; and not __fish_seen_subcommand_from verify listen send help" -l no-journal -d 'Do not read or write the order journal (see docs/journal.md)'
complete -c paycli -n "__fish_paycli_using_subcommand callback; and not __fish_seen_subcommand_from verify listen send help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c paycli -n "__fish_paycli_using_subcommand callback; and not __fish_seen_subcommand_from verify listen send help" -f -a "verify" -d 'Verify captured callbacks: raw HTTP request files (or directories of them) or bodies with --header'
complete -c paycli -n "__fish_paycli_using_subcommand callback; and not __fish_seen_subcommand_from verify listen send help" -f -a "listen" -d 'Receive callbacks on 127.0.0.1: verify, print, save, and answer or forward each one'
complete -c paycli -n "__fish_paycli_using_subcommand callback; and not __fish_seen_subcommand_from verify listen send help" -f -a "send" -d 'Send a signed test callback in the provider\'s real shape to your endpoint'
complete -c paycli -n "__fish_paycli_using_subcommand callback; and not __fish_seen_subcommand_from verify listen send help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c paycli -n "__fish_paycli_using_subcommand callback; and __fish_seen_subcommand_from verify" -s H -l header -d 'A header of the captured request, for bare bodies: \'Name: value\' (repeatable)' -r
complete -c paycli -n "__fish_paycli_using_subcommand callback; and __fish_seen_subcommand_from verify" -l at -d 'Verify as of this time (RFC 3339 or epoch seconds): captured files are old' -r
complete -c paycli -n "__fish_paycli_using_subcommand callback; and __fish_seen_subcommand_from verify" -l tolerance -d 'How far a signed timestamp may be from now (or --at)' -r
complete -c paycli -n "__fish_paycli_using_subcommand callback; and __fish_seen_subcommand_from verify" -l max-age -d 'Reject signed tokens older than this (payfect)' -r
complete -c paycli -n "__fish_paycli_using_subcommand callback; and __fish_seen_subcommand_from verify" -s p -l profile -d 'Profile to use (else `default_profile` in the config)' -r
complete -c paycli -n "__fish_paycli_using_subcommand callback; and __fish_seen_subcommand_from verify" -l config -d 'Config file (else <config dir>/paycli/config.toml)' -r -F
complete -c paycli -n "__fish_paycli_using_subcommand callback; and __fish_seen_subcommand_from verify" -s o -l output -d 'Output format: auto is a table on a terminal, json otherwise' -r -f -a "auto\t'A table on a terminal, json otherwise'
table\t'A table for people'
json\t'One object, or an array for several items'
ndjson\t'One object a line'
csv\t'A header row and one row per item'"
complete -c paycli -n "__fish_paycli_using_subcommand callback; and __fish_seen_subcommand_from verify" -l color -d 'Colour: auto colours only on a terminal (NO_COLOR is honoured)' -r -f -a "auto\t'Colour only on a terminal, unless NO_COLOR is set'
always\t''
never\t''"
complete -c paycli -n "__fish_paycli_using_subcommand callback; and __fish_seen_subcommand_from verify" -l timeout -d 'Per-request timeout in seconds [default: profile\'s `timeout`, else 30]' -r
complete -c paycli -n "__fish_paycli_using_subcommand callback; and __fish_seen_subcommand_from verify" -l ca-cert -d 'Also trust the CA certificates in this PEM file (a private CA); checks stay on' -r -F
complete -c paycli -n "__fish_paycli_using_subcommand callback; and __fish_seen_subcommand_from verify" -l requery -d 'Also ask the provider\'s status API and require it to agree (paid, amount, currency)'
complete -c paycli -n "__fish_paycli_using_subcommand callback; and __fish_seen_subcommand_from verify" -s v -l verbose -d 'Show the HTTP exchange on stderr (credentials redacted)'
complete -c paycli -n "__fish_paycli_using_subcommand callback; and __fish_seen_subcommand_from verify" -s q -l quiet -d 'No summaries, progress or notes on stderr (errors and warnings still print)'
complete -c paycli -n "__fish_paycli_using_subcommand callback; and __fish_seen_subcommand_from verify" -l no-journal -d 'Do not read or write the order journal (see docs/journal.md)'
complete -c paycli -n "__fish_paycli_using_subcommand callback; and __fish_seen_subcommand_from verify" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c paycli -n "__fish_paycli_using_subcommand callback; and __fish_seen_subcommand_from listen" -l port -d 'Port on 127.0.0.1 (0 picks a free one)' -r
complete -c paycli -n "__fish_paycli_using_subcommand callback; and __fish_seen_subcommand_from listen" -l forward-to -d 'Pass verified callbacks on, byte for byte, to your endpoint and relay its answer. A URL without a path gets the incoming path and query appended' -r
complete -c paycli -n "__fish_paycli_using_subcommand callback; and __fish_seen_subcommand_from listen" -l budget -d 'Time to have every answer ready, a requery included: 1500ms, 1.5s, 3s (default: the provider\'s, 1.5s for zenospay, 5s for the others)' -r
complete -c paycli -n "__fish_paycli_using_subcommand callback; and __fish_seen_subcommand_from listen" -l save-dir -d 'Save every request as a raw HTTP file that `callback verify` reads as is' -r -F
complete -c paycli -n "__fish_paycli_using_subcommand callback; and __fish_seen_subcommand_from listen" -l tolerance -d 'How far a signed timestamp may be from now' -r
complete -c paycli -n "__fish_paycli_using_subcommand callback; and __fish_seen_subcommand_from listen" -s p -l profile -d 'Profile to use (else `default_profile` in the config)' -r
complete -c paycli -n "__fish_paycli_using_subcommand callback; and __fish_seen_subcommand_from listen" -l config -d 'Config file (else <config dir>/paycli/config.toml)' -r -F
complete -c paycli -n "__fish_paycli_using_subcommand callback; and __fish_seen_subcommand_from listen" -s o -l output -d 'Output format: auto is a table on a terminal, json otherwise' -r -f -a "auto\t'A table on a terminal, json otherwise'
table\t'A table for people'
json\t'One object, or an array for several items'
ndjson\t'One object a line'
csv\t'A header row and one row per item'"
complete -c paycli -n "__fish_paycli_using_subcommand callback; and __fish_seen_subcommand_from listen" -l color -d 'Colour: auto colours only on a terminal (NO_COLOR is honoured)' -r -f -a "auto\t'Colour only on a terminal, unless NO_COLOR is set'
always\t''
never\t''"
complete -c paycli -n "__fish_paycli_using_subcommand callback; and __fish_seen_subcommand_from listen" -l timeout -d 'Per-request timeout in seconds [default: profile\'s `timeout`, else 30]' -r
complete -c paycli -n "__fish_paycli_using_subcommand callback; and __fish_seen_subcommand_from listen" -l ca-cert -d 'Also trust the CA certificates in this PEM file (a private CA); checks stay on' -r -F
complete -c paycli -n "__fish_paycli_using_subcommand callback; and __fish_seen_subcommand_from listen" -l forward-unverified -d 'With --forward-to, also pass on callbacks that did not verify (to test your app\'s own checks)'
complete -c paycli -n "__fish_paycli_using_subcommand callback; and __fish_seen_subcommand_from listen" -l requery -d 'Also ask the provider\'s status API about each callback (needs the profile\'s API access)'
complete -c paycli -n "__fish_paycli_using_subcommand callback; and __fish_seen_subcommand_from listen" -s v -l verbose -d 'Show the HTTP exchange on stderr (credentials redacted)'
complete -c paycli -n "__fish_paycli_using_subcommand callback; and __fish_seen_subcommand_from listen" -s q -l quiet -d 'No summaries, progress or notes on stderr (errors and warnings still print)'
complete -c paycli -n "__fish_paycli_using_subcommand callback; and __fish_seen_subcommand_from listen" -l no-journal -d 'Do not read or write the order journal (see docs/journal.md)'
complete -c paycli -n "__fish_paycli_using_subcommand callback; and __fish_seen_subcommand_from listen" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c paycli -n "__fish_paycli_using_subcommand callback; and __fish_seen_subcommand_from send" -l to -d 'Your webhook endpoint' -r
complete -c paycli -n "__fish_paycli_using_subcommand callback; and __fish_seen_subcommand_from send" -l order-id -d 'The merchant order id the callback is about' -r
complete -c paycli -n "__fish_paycli_using_subcommand callback; and __fish_seen_subcommand_from send" -l status -d 'What the callback reports' -r
complete -c paycli -n "__fish_paycli_using_subcommand callback; and __fish_seen_subcommand_from send" -l amount -d 'Amount in major units (else the provider\'s demo amount)' -r
complete -c paycli -n "__fish_paycli_using_subcommand callback; and __fish_seen_subcommand_from send" -l currency -d 'Currency (else the provider\'s default)' -r
complete -c paycli -n "__fish_paycli_using_subcommand callback; and __fish_seen_subcommand_from send" -l channel -d 'Payment channel the callback names (else the provider\'s first)' -r
complete -c paycli -n "__fish_paycli_using_subcommand callback; and __fish_seen_subcommand_from send" -l key -d 'Sign with this key instead of the sandbox\'s (a file; first line). Supported: cashy (its api_key)' -r -F
complete -c paycli -n "__fish_paycli_using_subcommand callback; and __fish_seen_subcommand_from send" -s p -l profile -d 'Profile to use (else `default_profile` in the config)' -r
complete -c paycli -n "__fish_paycli_using_subcommand callback; and __fish_seen_subcommand_from send" -l config -d 'Config file (else <config dir>/paycli/config.toml)' -r -F
complete -c paycli -n "__fish_paycli_using_subcommand callback; and __fish_seen_subcommand_from send" -s o -l output -d 'Output format: auto is a table on a terminal, json otherwise' -r -f -a "auto\t'A table on a terminal, json otherwise'
table\t'A table for people'
json\t'One object, or an array for several items'
ndjson\t'One object a line'
csv\t'A header row and one row per item'"
complete -c paycli -n "__fish_paycli_using_subcommand callback; and __fish_seen_subcommand_from send" -l color -d 'Colour: auto colours only on a terminal (NO_COLOR is honoured)' -r -f -a "auto\t'Colour only on a terminal, unless NO_COLOR is set'
always\t''
never\t''"
complete -c paycli -n "__fish_paycli_using_subcommand callback; and __fish_seen_subcommand_from send" -l timeout -d 'Per-request timeout in seconds [default: profile\'s `timeout`, else 30]' -r
complete -c paycli -n "__fish_paycli_using_subcommand callback; and __fish_seen_subcommand_from send" -l ca-cert -d 'Also trust the CA certificates in this PEM file (a private CA); checks stay on' -r -F
complete -c paycli -n "__fish_paycli_using_subcommand callback; and __fish_seen_subcommand_from send" -l dry-run -d 'Print the callback as a raw HTTP request instead of sending it'
complete -c paycli -n "__fish_paycli_using_subcommand callback; and __fish_seen_subcommand_from send" -s v -l verbose -d 'Show the HTTP exchange on stderr (credentials redacted)'
complete -c paycli -n "__fish_paycli_using_subcommand callback; and __fish_seen_subcommand_from send" -s q -l quiet -d 'No summaries, progress or notes on stderr (errors and warnings still print)'
complete -c paycli -n "__fish_paycli_using_subcommand callback; and __fish_seen_subcommand_from send" -l no-journal -d 'Do not read or write the order journal (see docs/journal.md)'
complete -c paycli -n "__fish_paycli_using_subcommand callback; and __fish_seen_subcommand_from send" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c paycli -n "__fish_paycli_using_subcommand callback; and __fish_seen_subcommand_from help" -f -a "verify" -d 'Verify captured callbacks: raw HTTP request files (or directories of them) or bodies with --header'
complete -c paycli -n "__fish_paycli_using_subcommand callback; and __fish_seen_subcommand_from help" -f -a "listen" -d 'Receive callbacks on 127.0.0.1: verify, print, save, and answer or forward each one'
complete -c paycli -n "__fish_paycli_using_subcommand callback; and __fish_seen_subcommand_from help" -f -a "send" -d 'Send a signed test callback in the provider\'s real shape to your endpoint'
complete -c paycli -n "__fish_paycli_using_subcommand callback; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c paycli -n "__fish_paycli_using_subcommand orders; and not __fish_seen_subcommand_from list help" -s p -l profile -d 'Profile to use (else `default_profile` in the config)' -r
complete -c paycli -n "__fish_paycli_using_subcommand orders; and not __fish_seen_subcommand_from list help" -l config -d 'Config file (else <config dir>/paycli/config.toml)' -r -F
complete -c paycli -n "__fish_paycli_using_subcommand orders; and not __fish_seen_subcommand_from list help" -s o -l output -d 'Output format: auto is a table on a terminal, json otherwise' -r -f -a "auto\t'A table on a terminal, json otherwise'
table\t'A table for people'
json\t'One object, or an array for several items'
ndjson\t'One object a line'
csv\t'A header row and one row per item'"
complete -c paycli -n "__fish_paycli_using_subcommand orders; and not __fish_seen_subcommand_from list help" -l color -d 'Colour: auto colours only on a terminal (NO_COLOR is honoured)' -r -f -a "auto\t'Colour only on a terminal, unless NO_COLOR is set'
always\t''
never\t''"
complete -c paycli -n "__fish_paycli_using_subcommand orders; and not __fish_seen_subcommand_from list help" -l timeout -d 'Per-request timeout in seconds [default: profile\'s `timeout`, else 30]' -r
complete -c paycli -n "__fish_paycli_using_subcommand orders; and not __fish_seen_subcommand_from list help" -l ca-cert -d 'Also trust the CA certificates in this PEM file (a private CA); checks stay on' -r -F
complete -c paycli -n "__fish_paycli_using_subcommand orders; and not __fish_seen_subcommand_from list help" -s v -l verbose -d 'Show the HTTP exchange on stderr (credentials redacted)'
complete -c paycli -n "__fish_paycli_using_subcommand orders; and not __fish_seen_subcommand_from list help" -s q -l quiet -d 'No summaries, progress or notes on stderr (errors and warnings still print)'
complete -c paycli -n "__fish_paycli_using_subcommand orders; and not __fish_seen_subcommand_from list help" -l no-journal -d 'Do not read or write the order journal (see docs/journal.md)'
complete -c paycli -n "__fish_paycli_using_subcommand orders; and not __fish_seen_subcommand_from list help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c paycli -n "__fish_paycli_using_subcommand orders; and not __fish_seen_subcommand_from list help" -f -a "list" -d 'List journal entries (every profile unless --of-profile)'
complete -c paycli -n "__fish_paycli_using_subcommand orders; and not __fish_seen_subcommand_from list help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c paycli -n "__fish_paycli_using_subcommand orders; and __fish_seen_subcommand_from list" -l of-profile -d 'Only this profile\'s orders (the global -p selects a profile for provider calls, not this)' -r
complete -c paycli -n "__fish_paycli_using_subcommand orders; and __fish_seen_subcommand_from list" -l provider -d 'Only this provider\'s orders' -r
complete -c paycli -n "__fish_paycli_using_subcommand orders; and __fish_seen_subcommand_from list" -l status -d 'Only orders with this status (repeatable)' -r
complete -c paycli -n "__fish_paycli_using_subcommand orders; and __fish_seen_subcommand_from list" -l since -d 'Only orders created within this long (30m, 2h, 1d) or since this time (RFC 3339)' -r
complete -c paycli -n "__fish_paycli_using_subcommand orders; and __fish_seen_subcommand_from list" -s p -l profile -d 'Profile to use (else `default_profile` in the config)' -r
complete -c paycli -n "__fish_paycli_using_subcommand orders; and __fish_seen_subcommand_from list" -l config -d 'Config file (else <config dir>/paycli/config.toml)' -r -F
complete -c paycli -n "__fish_paycli_using_subcommand orders; and __fish_seen_subcommand_from list" -s o -l output -d 'Output format: auto is a table on a terminal, json otherwise' -r -f -a "auto\t'A table on a terminal, json otherwise'
table\t'A table for people'
json\t'One object, or an array for several items'
ndjson\t'One object a line'
csv\t'A header row and one row per item'"
complete -c paycli -n "__fish_paycli_using_subcommand orders; and __fish_seen_subcommand_from list" -l color -d 'Colour: auto colours only on a terminal (NO_COLOR is honoured)' -r -f -a "auto\t'Colour only on a terminal, unless NO_COLOR is set'
always\t''
never\t''"
complete -c paycli -n "__fish_paycli_using_subcommand orders; and __fish_seen_subcommand_from list" -l timeout -d 'Per-request timeout in seconds [default: profile\'s `timeout`, else 30]' -r
complete -c paycli -n "__fish_paycli_using_subcommand orders; and __fish_seen_subcommand_from list" -l ca-cert -d 'Also trust the CA certificates in this PEM file (a private CA); checks stay on' -r -F
complete -c paycli -n "__fish_paycli_using_subcommand orders; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Show the HTTP exchange on stderr (credentials redacted)'
complete -c paycli -n "__fish_paycli_using_subcommand orders; and __fish_seen_subcommand_from list" -s q -l quiet -d 'No summaries, progress or notes on stderr (errors and warnings still print)'
complete -c paycli -n "__fish_paycli_using_subcommand orders; and __fish_seen_subcommand_from list" -l no-journal -d 'Do not read or write the order journal (see docs/journal.md)'
complete -c paycli -n "__fish_paycli_using_subcommand orders; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c paycli -n "__fish_paycli_using_subcommand orders; and __fish_seen_subcommand_from help" -f -a "list" -d 'List journal entries (every profile unless --of-profile)'
complete -c paycli -n "__fish_paycli_using_subcommand orders; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c paycli -n "__fish_paycli_using_subcommand journal; and not __fish_seen_subcommand_from migrate copy help" -s p -l profile -d 'Profile to use (else `default_profile` in the config)' -r
complete -c paycli -n "__fish_paycli_using_subcommand journal; and not __fish_seen_subcommand_from migrate copy help" -l config -d 'Config file (else <config dir>/paycli/config.toml)' -r -F
complete -c paycli -n "__fish_paycli_using_subcommand journal; and not __fish_seen_subcommand_from migrate copy help" -s o -l output -d 'Output format: auto is a table on a terminal, json otherwise' -r -f -a "auto\t'A table on a terminal, json otherwise'
table\t'A table for people'
json\t'One object, or an array for several items'
ndjson\t'One object a line'
csv\t'A header row and one row per item'"
complete -c paycli -n "__fish_paycli_using_subcommand journal; and not __fish_seen_subcommand_from migrate copy help" -l color -d 'Colour: auto colours only on a terminal (NO_COLOR is honoured)' -r -f -a "auto\t'Colour only on a terminal, unless NO_COLOR is set'
always\t''
never\t''"
complete -c paycli -n "__fish_paycli_using_subcommand journal; and not __fish_seen_subcommand_from migrate copy help" -l timeout -d 'Per-request timeout in seconds [default: profile\'s `timeout`, else 30]' -r
complete -c paycli -n "__fish_paycli_using_subcommand journal; and not __fish_seen_subcommand_from migrate copy help" -l ca-cert -d 'Also trust the CA certificates in this PEM file (a private CA); checks stay on' -r -F
complete -c paycli -n "__fish_paycli_using_subcommand journal; and not __fish_seen_subcommand_from migrate copy help" -s v -l verbose -d 'Show the HTTP exchange on stderr (credentials redacted)'
complete -c paycli -n "__fish_paycli_using_subcommand journal; and not __fish_seen_subcommand_from migrate copy help" -s q -l quiet -d 'No summaries, progress or notes on stderr (errors and warnings still print)'
complete -c paycli -n "__fish_paycli_using_subcommand journal; and not __fish_seen_subcommand_from migrate copy help" -l no-journal -d 'Do not read or write the order journal (see docs/journal.md)'
complete -c paycli -n "__fish_paycli_using_subcommand journal; and not __fish_seen_subcommand_from migrate copy help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c paycli -n "__fish_paycli_using_subcommand journal; and not __fish_seen_subcommand_from migrate copy help" -f -a "migrate" -d 'Bring the journal\'s schema up to date (paycli applies additive steps by itself)'
complete -c paycli -n "__fish_paycli_using_subcommand journal; and not __fish_seen_subcommand_from migrate copy help" -f -a "copy" -d 'Copy every order and callback event of this journal into another one (e.g. into PostgreSQL)'
complete -c paycli -n "__fish_paycli_using_subcommand journal; and not __fish_seen_subcommand_from migrate copy help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c paycli -n "__fish_paycli_using_subcommand journal; and __fish_seen_subcommand_from migrate" -s p -l profile -d 'Profile to use (else `default_profile` in the config)' -r
complete -c paycli -n "__fish_paycli_using_subcommand journal; and __fish_seen_subcommand_from migrate" -l config -d 'Config file (else <config dir>/paycli/config.toml)' -r -F
complete -c paycli -n "__fish_paycli_using_subcommand journal; and __fish_seen_subcommand_from migrate" -s o -l output -d 'Output format: auto is a table on a terminal, json otherwise' -r -f -a "auto\t'A table on a terminal, json otherwise'
table\t'A table for people'
json\t'One object, or an array for several items'
ndjson\t'One object a line'
csv\t'A header row and one row per item'"
complete -c paycli -n "__fish_paycli_using_subcommand journal; and __fish_seen_subcommand_from migrate" -l color -d 'Colour: auto colours only on a terminal (NO_COLOR is honoured)' -r -f -a "auto\t'Colour only on a terminal, unless NO_COLOR is set'
always\t''
never\t''"
complete -c paycli -n "__fish_paycli_using_subcommand journal; and __fish_seen_subcommand_from migrate" -l timeout -d 'Per-request timeout in seconds [default: profile\'s `timeout`, else 30]' -r
complete -c paycli -n "__fish_paycli_using_subcommand journal; and __fish_seen_subcommand_from migrate" -l ca-cert -d 'Also trust the CA certificates in this PEM file (a private CA); checks stay on' -r -F
complete -c paycli -n "__fish_paycli_using_subcommand journal; and __fish_seen_subcommand_from migrate" -s v -l verbose -d 'Show the HTTP exchange on stderr (credentials redacted)'
complete -c paycli -n "__fish_paycli_using_subcommand journal; and __fish_seen_subcommand_from migrate" -s q -l quiet -d 'No summaries, progress or notes on stderr (errors and warnings still print)'
complete -c paycli -n "__fish_paycli_using_subcommand journal; and __fish_seen_subcommand_from migrate" -l no-journal -d 'Do not read or write the order journal (see docs/journal.md)'
complete -c paycli -n "__fish_paycli_using_subcommand journal; and __fish_seen_subcommand_from migrate" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c paycli -n "__fish_paycli_using_subcommand journal; and __fish_seen_subcommand_from copy" -l to -d 'The target: a postgres:// URL or an SQLite file; - reads it from stdin\'s first line (keeps a password out of `ps`)' -r
complete -c paycli -n "__fish_paycli_using_subcommand journal; and __fish_seen_subcommand_from copy" -s p -l profile -d 'Profile to use (else `default_profile` in the config)' -r
complete -c paycli -n "__fish_paycli_using_subcommand journal; and __fish_seen_subcommand_from copy" -l config -d 'Config file (else <config dir>/paycli/config.toml)' -r -F
complete -c paycli -n "__fish_paycli_using_subcommand journal; and __fish_seen_subcommand_from copy" -s o -l output -d 'Output format: auto is a table on a terminal, json otherwise' -r -f -a "auto\t'A table on a terminal, json otherwise'
table\t'A table for people'
json\t'One object, or an array for several items'
ndjson\t'One object a line'
csv\t'A header row and one row per item'"
complete -c paycli -n "__fish_paycli_using_subcommand journal; and __fish_seen_subcommand_from copy" -l color -d 'Colour: auto colours only on a terminal (NO_COLOR is honoured)' -r -f -a "auto\t'Colour only on a terminal, unless NO_COLOR is set'
always\t''
never\t''"
complete -c paycli -n "__fish_paycli_using_subcommand journal; and __fish_seen_subcommand_from copy" -l timeout -d 'Per-request timeout in seconds [default: profile\'s `timeout`, else 30]' -r
complete -c paycli -n "__fish_paycli_using_subcommand journal; and __fish_seen_subcommand_from copy" -l ca-cert -d 'Also trust the CA certificates in this PEM file (a private CA); checks stay on' -r -F
complete -c paycli -n "__fish_paycli_using_subcommand journal; and __fish_seen_subcommand_from copy" -s v -l verbose -d 'Show the HTTP exchange on stderr (credentials redacted)'
complete -c paycli -n "__fish_paycli_using_subcommand journal; and __fish_seen_subcommand_from copy" -s q -l quiet -d 'No summaries, progress or notes on stderr (errors and warnings still print)'
complete -c paycli -n "__fish_paycli_using_subcommand journal; and __fish_seen_subcommand_from copy" -l no-journal -d 'Do not read or write the order journal (see docs/journal.md)'
complete -c paycli -n "__fish_paycli_using_subcommand journal; and __fish_seen_subcommand_from copy" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c paycli -n "__fish_paycli_using_subcommand journal; and __fish_seen_subcommand_from help" -f -a "migrate" -d 'Bring the journal\'s schema up to date (paycli applies additive steps by itself)'
complete -c paycli -n "__fish_paycli_using_subcommand journal; and __fish_seen_subcommand_from help" -f -a "copy" -d 'Copy every order and callback event of this journal into another one (e.g. into PostgreSQL)'
complete -c paycli -n "__fish_paycli_using_subcommand journal; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c paycli -n "__fish_paycli_using_subcommand reconcile" -l ledger -d 'The ledger: CSV with a header row (order id, amount, optional currency and status columns)' -r
complete -c paycli -n "__fish_paycli_using_subcommand reconcile" -l report -d 'Write the report here (atomically: a temporary file renamed into place when complete)' -r -F
complete -c paycli -n "__fish_paycli_using_subcommand reconcile" -l order-id-column -d 'The ledger column with your order ids' -r
complete -c paycli -n "__fish_paycli_using_subcommand reconcile" -l amount-column -d 'The ledger column with the booked amounts, in major units' -r
complete -c paycli -n "__fish_paycli_using_subcommand reconcile" -l currency-column -d 'Used when the ledger has it' -r
complete -c paycli -n "__fish_paycli_using_subcommand reconcile" -l status-column -d 'Used when the ledger has it; without it every ledger row counts as booked paid' -r
complete -c paycli -n "__fish_paycli_using_subcommand reconcile" -l concurrency -d 'Status checks in flight at once' -r
complete -c paycli -n "__fish_paycli_using_subcommand reconcile" -l rate -d 'At most this many requests a second, e.g. 50/s or 600/m (retries count too)' -r
complete -c paycli -n "__fish_paycli_using_subcommand reconcile" -l retries -d 'Retries per order for network errors, HTTP 5xx and 429, and the provider\'s retryable answers' -r
complete -c paycli -n "__fish_paycli_using_subcommand reconcile" -l budget -d 'Total time for one order\'s check, every attempt and wait included (e.g. 30s, 2m); a Retry-After beyond it ends the check as a retryable error' -r
complete -c paycli -n "__fish_paycli_using_subcommand reconcile" -s p -l profile -d 'Profile to use (else `default_profile` in the config)' -r
complete -c paycli -n "__fish_paycli_using_subcommand reconcile" -l config -d 'Config file (else <config dir>/paycli/config.toml)' -r -F
complete -c paycli -n "__fish_paycli_using_subcommand reconcile" -s o -l output -d 'Output format: auto is a table on a terminal, json otherwise' -r -f -a "auto\t'A table on a terminal, json otherwise'
table\t'A table for people'
json\t'One object, or an array for several items'
ndjson\t'One object a line'
csv\t'A header row and one row per item'"
complete -c paycli -n "__fish_paycli_using_subcommand reconcile" -l color -d 'Colour: auto colours only on a terminal (NO_COLOR is honoured)' -r -f -a "auto\t'Colour only on a terminal, unless NO_COLOR is set'
always\t''
never\t''"
complete -c paycli -n "__fish_paycli_using_subcommand reconcile" -l timeout -d 'Per-request timeout in seconds [default: profile\'s `timeout`, else 30]' -r
complete -c paycli -n "__fish_paycli_using_subcommand reconcile" -l ca-cert -d 'Also trust the CA certificates in this PEM file (a private CA); checks stay on' -r -F
complete -c paycli -n "__fish_paycli_using_subcommand reconcile" -s v -l verbose -d 'Show the HTTP exchange on stderr (credentials redacted)'
complete -c paycli -n "__fish_paycli_using_subcommand reconcile" -s q -l quiet -d 'No summaries, progress or notes on stderr (errors and warnings still print)'
complete -c paycli -n "__fish_paycli_using_subcommand reconcile" -l no-journal -d 'Do not read or write the order journal (see docs/journal.md)'
complete -c paycli -n "__fish_paycli_using_subcommand reconcile" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c paycli -n "__fish_paycli_using_subcommand config; and not __fish_seen_subcommand_from path list show init help" -s p -l profile -d 'Profile to use (else `default_profile` in the config)' -r
complete -c paycli -n "__fish_paycli_using_subcommand config; and not __fish_seen_subcommand_from path list show init help" -l config -d 'Config file (else <config dir>/paycli/config.toml)' -r -F
complete -c paycli -n "__fish_paycli_using_subcommand config; and not __fish_seen_subcommand_from path list show init help" -s o -l output -d 'Output format: auto is a table on a terminal, json otherwise' -r -f -a "auto\t'A table on a terminal, json otherwise'
table\t'A table for people'
json\t'One object, or an array for several items'
ndjson\t'One object a line'
csv\t'A header row and one row per item'"
complete -c paycli -n "__fish_paycli_using_subcommand config; and not __fish_seen_subcommand_from path list show init help" -l color -d 'Colour: auto colours only on a terminal (NO_COLOR is honoured)' -r -f -a "auto\t'Colour only on a terminal, unless NO_COLOR is set'
always\t''
never\t''"
complete -c paycli -n "__fish_paycli_using_subcommand config; and not __fish_seen_subcommand_from path list show init help" -l timeout -d 'Per-request timeout in seconds [default: profile\'s `timeout`, else 30]' -r
complete -c paycli -n "__fish_paycli_using_subcommand config; and not __fish_seen_subcommand_from path list show init help" -l ca-cert -d 'Also trust the CA certificates in this PEM file (a private CA); checks stay on' -r -F
complete -c paycli -n "__fish_paycli_using_subcommand config; and not __fish_seen_subcommand_from path list show init help" -s v -l verbose -d 'Show the HTTP exchange on stderr (credentials redacted)'
complete -c paycli -n "__fish_paycli_using_subcommand config; and not __fish_seen_subcommand_from path list show init help" -s q -l quiet -d 'No summaries, progress or notes on stderr (errors and warnings still print)'
complete -c paycli -n "__fish_paycli_using_subcommand config; and not __fish_seen_subcommand_from path list show init help" -l no-journal -d 'Do not read or write the order journal (see docs/journal.md)'
complete -c paycli -n "__fish_paycli_using_subcommand config; and not __fish_seen_subcommand_from path list show init help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c paycli -n "__fish_paycli_using_subcommand config; and not __fish_seen_subcommand_from path list show init help" -f -a "path" -d 'Print where the config file is'
complete -c paycli -n "__fish_paycli_using_subcommand config; and not __fish_seen_subcommand_from path list show init help" -f -a "list" -d 'List the profiles (config file and built-in)'
complete -c paycli -n "__fish_paycli_using_subcommand config; and not __fish_seen_subcommand_from path list show init help" -f -a "show" -d 'Show one profile with secrets redacted'
complete -c paycli -n "__fish_paycli_using_subcommand config; and not __fish_seen_subcommand_from path list show init help" -f -a "init" -d 'Write a commented starter config file'
complete -c paycli -n "__fish_paycli_using_subcommand config; and not __fish_seen_subcommand_from path list show init help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c paycli -n "__fish_paycli_using_subcommand config; and __fish_seen_subcommand_from path" -s p -l profile -d 'Profile to use (else `default_profile` in the config)' -r
complete -c paycli -n "__fish_paycli_using_subcommand config; and __fish_seen_subcommand_from path" -l config -d 'Config file (else <config dir>/paycli/config.toml)' -r -F
complete -c paycli -n "__fish_paycli_using_subcommand config; and __fish_seen_subcommand_from path" -s o -l output -d 'Output format: auto is a table on a terminal, json otherwise' -r -f -a "auto\t'A table on a terminal, json otherwise'
table\t'A table for people'
json\t'One object, or an array for several items'
ndjson\t'One object a line'
csv\t'A header row and one row per item'"
complete -c paycli -n "__fish_paycli_using_subcommand config; and __fish_seen_subcommand_from path" -l color -d 'Colour: auto colours only on a terminal (NO_COLOR is honoured)' -r -f -a "auto\t'Colour only on a terminal, unless NO_COLOR is set'
always\t''
never\t''"
complete -c paycli -n "__fish_paycli_using_subcommand config; and __fish_seen_subcommand_from path" -l timeout -d 'Per-request timeout in seconds [default: profile\'s `timeout`, else 30]' -r
complete -c paycli -n "__fish_paycli_using_subcommand config; and __fish_seen_subcommand_from path" -l ca-cert -d 'Also trust the CA certificates in this PEM file (a private CA); checks stay on' -r -F
complete -c paycli -n "__fish_paycli_using_subcommand config; and __fish_seen_subcommand_from path" -s v -l verbose -d 'Show the HTTP exchange on stderr (credentials redacted)'
complete -c paycli -n "__fish_paycli_using_subcommand config; and __fish_seen_subcommand_from path" -s q -l quiet -d 'No summaries, progress or notes on stderr (errors and warnings still print)'
complete -c paycli -n "__fish_paycli_using_subcommand config; and __fish_seen_subcommand_from path" -l no-journal -d 'Do not read or write the order journal (see docs/journal.md)'
complete -c paycli -n "__fish_paycli_using_subcommand config; and __fish_seen_subcommand_from path" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c paycli -n "__fish_paycli_using_subcommand config; and __fish_seen_subcommand_from list" -s p -l profile -d 'Profile to use (else `default_profile` in the config)' -r
complete -c paycli -n "__fish_paycli_using_subcommand config; and __fish_seen_subcommand_from list" -l config -d 'Config file (else <config dir>/paycli/config.toml)' -r -F
complete -c paycli -n "__fish_paycli_using_subcommand config; and __fish_seen_subcommand_from list" -s o -l output -d 'Output format: auto is a table on a terminal, json otherwise' -r -f -a "auto\t'A table on a terminal, json otherwise'
table\t'A table for people'
json\t'One object, or an array for several items'
ndjson\t'One object a line'
csv\t'A header row and one row per item'"
complete -c paycli -n "__fish_paycli_using_subcommand config; and __fish_seen_subcommand_from list" -l color -d 'Colour: auto colours only on a terminal (NO_COLOR is honoured)' -r -f -a "auto\t'Colour only on a terminal, unless NO_COLOR is set'
always\t''
never\t''"
complete -c paycli -n "__fish_paycli_using_subcommand config; and __fish_seen_subcommand_from list" -l timeout -d 'Per-request timeout in seconds [default: profile\'s `timeout`, else 30]' -r
complete -c paycli -n "__fish_paycli_using_subcommand config; and __fish_seen_subcommand_from list" -l ca-cert -d 'Also trust the CA certificates in this PEM file (a private CA); checks stay on' -r -F
complete -c paycli -n "__fish_paycli_using_subcommand config; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Show the HTTP exchange on stderr (credentials redacted)'
complete -c paycli -n "__fish_paycli_using_subcommand config; and __fish_seen_subcommand_from list" -s q -l quiet -d 'No summaries, progress or notes on stderr (errors and warnings still print)'
complete -c paycli -n "__fish_paycli_using_subcommand config; and __fish_seen_subcommand_from list" -l no-journal -d 'Do not read or write the order journal (see docs/journal.md)'
complete -c paycli -n "__fish_paycli_using_subcommand config; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c paycli -n "__fish_paycli_using_subcommand config; and __fish_seen_subcommand_from show" -s p -l profile -d 'Profile to use (else `default_profile` in the config)' -r
complete -c paycli -n "__fish_paycli_using_subcommand config; and __fish_seen_subcommand_from show" -l config -d 'Config file (else <config dir>/paycli/config.toml)' -r -F
complete -c paycli -n "__fish_paycli_using_subcommand config; and __fish_seen_subcommand_from show" -s o -l output -d 'Output format: auto is a table on a terminal, json otherwise' -r -f -a "auto\t'A table on a terminal, json otherwise'
table\t'A table for people'
json\t'One object, or an array for several items'
ndjson\t'One object a line'
csv\t'A header row and one row per item'"
complete -c paycli -n "__fish_paycli_using_subcommand config; and __fish_seen_subcommand_from show" -l color -d 'Colour: auto colours only on a terminal (NO_COLOR is honoured)' -r -f -a "auto\t'Colour only on a terminal, unless NO_COLOR is set'
always\t''
never\t''"
complete -c paycli -n "__fish_paycli_using_subcommand config; and __fish_seen_subcommand_from show" -l timeout -d 'Per-request timeout in seconds [default: profile\'s `timeout`, else 30]' -r
complete -c paycli -n "__fish_paycli_using_subcommand config; and __fish_seen_subcommand_from show" -l ca-cert -d 'Also trust the CA certificates in this PEM file (a private CA); checks stay on' -r -F
complete -c paycli -n "__fish_paycli_using_subcommand config; and __fish_seen_subcommand_from show" -s v -l verbose -d 'Show the HTTP exchange on stderr (credentials redacted)'
complete -c paycli -n "__fish_paycli_using_subcommand config; and __fish_seen_subcommand_from show" -s q -l quiet -d 'No summaries, progress or notes on stderr (errors and warnings still print)'
complete -c paycli -n "__fish_paycli_using_subcommand config; and __fish_seen_subcommand_from show" -l no-journal -d 'Do not read or write the order journal (see docs/journal.md)'
complete -c paycli -n "__fish_paycli_using_subcommand config; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c paycli -n "__fish_paycli_using_subcommand config; and __fish_seen_subcommand_from init" -s p -l profile -d 'Profile to use (else `default_profile` in the config)' -r
complete -c paycli -n "__fish_paycli_using_subcommand config; and __fish_seen_subcommand_from init" -l config -d 'Config file (else <config dir>/paycli/config.toml)' -r -F
complete -c paycli -n "__fish_paycli_using_subcommand config; and __fish_seen_subcommand_from init" -s o -l output -d 'Output format: auto is a table on a terminal, json otherwise' -r -f -a "auto\t'A table on a terminal, json otherwise'
table\t'A table for people'
json\t'One object, or an array for several items'
ndjson\t'One object a line'
csv\t'A header row and one row per item'"
complete -c paycli -n "__fish_paycli_using_subcommand config; and __fish_seen_subcommand_from init" -l color -d 'Colour: auto colours only on a terminal (NO_COLOR is honoured)' -r -f -a "auto\t'Colour only on a terminal, unless NO_COLOR is set'
always\t''
never\t''"
complete -c paycli -n "__fish_paycli_using_subcommand config; and __fish_seen_subcommand_from init" -l timeout -d 'Per-request timeout in seconds [default: profile\'s `timeout`, else 30]' -r
complete -c paycli -n "__fish_paycli_using_subcommand config; and __fish_seen_subcommand_from init" -l ca-cert -d 'Also trust the CA certificates in this PEM file (a private CA); checks stay on' -r -F
complete -c paycli -n "__fish_paycli_using_subcommand config; and __fish_seen_subcommand_from init" -l force -d 'Overwrite an existing file'
complete -c paycli -n "__fish_paycli_using_subcommand config; and __fish_seen_subcommand_from init" -l stdout -d 'Print it instead of writing it'
complete -c paycli -n "__fish_paycli_using_subcommand config; and __fish_seen_subcommand_from init" -s v -l verbose -d 'Show the HTTP exchange on stderr (credentials redacted)'
complete -c paycli -n "__fish_paycli_using_subcommand config; and __fish_seen_subcommand_from init" -s q -l quiet -d 'No summaries, progress or notes on stderr (errors and warnings still print)'
complete -c paycli -n "__fish_paycli_using_subcommand config; and __fish_seen_subcommand_from init" -l no-journal -d 'Do not read or write the order journal (see docs/journal.md)'
complete -c paycli -n "__fish_paycli_using_subcommand config; and __fish_seen_subcommand_from init" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c paycli -n "__fish_paycli_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "path" -d 'Print where the config file is'
complete -c paycli -n "__fish_paycli_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "list" -d 'List the profiles (config file and built-in)'
complete -c paycli -n "__fish_paycli_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show one profile with secrets redacted'
complete -c paycli -n "__fish_paycli_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "init" -d 'Write a commented starter config file'
complete -c paycli -n "__fish_paycli_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c paycli -n "__fish_paycli_using_subcommand completions" -s p -l profile -d 'Profile to use (else `default_profile` in the config)' -r
complete -c paycli -n "__fish_paycli_using_subcommand completions" -l config -d 'Config file (else <config dir>/paycli/config.toml)' -r -F
complete -c paycli -n "__fish_paycli_using_subcommand completions" -s o -l output -d 'Output format: auto is a table on a terminal, json otherwise' -r -f -a "auto\t'A table on a terminal, json otherwise'
table\t'A table for people'
json\t'One object, or an array for several items'
ndjson\t'One object a line'
csv\t'A header row and one row per item'"
complete -c paycli -n "__fish_paycli_using_subcommand completions" -l color -d 'Colour: auto colours only on a terminal (NO_COLOR is honoured)' -r -f -a "auto\t'Colour only on a terminal, unless NO_COLOR is set'
always\t''
never\t''"
complete -c paycli -n "__fish_paycli_using_subcommand completions" -l timeout -d 'Per-request timeout in seconds [default: profile\'s `timeout`, else 30]' -r
complete -c paycli -n "__fish_paycli_using_subcommand completions" -l ca-cert -d 'Also trust the CA certificates in this PEM file (a private CA); checks stay on' -r -F
complete -c paycli -n "__fish_paycli_using_subcommand completions" -s v -l verbose -d 'Show the HTTP exchange on stderr (credentials redacted)'
complete -c paycli -n "__fish_paycli_using_subcommand completions" -s q -l quiet -d 'No summaries, progress or notes on stderr (errors and warnings still print)'
complete -c paycli -n "__fish_paycli_using_subcommand completions" -l no-journal -d 'Do not read or write the order journal (see docs/journal.md)'
complete -c paycli -n "__fish_paycli_using_subcommand completions" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c paycli -n "__fish_paycli_using_subcommand sandbox" -l port -d 'Port on 127.0.0.1 (0 picks a free one; the address is printed on stderr)' -r
complete -c paycli -n "__fish_paycli_using_subcommand sandbox" -l time-scale -d 'Divide callback retry waits by N (e.g. 60 makes Cashy\'s 1-minute retry a second)' -r
complete -c paycli -n "__fish_paycli_using_subcommand sandbox" -l state -d 'Keep orders in this file across restarts' -r -F
complete -c paycli -n "__fish_paycli_using_subcommand sandbox" -l set -d 'A merchant setting of an emulated provider: PROVIDER.KEY=VALUE (repeatable)' -r
complete -c paycli -n "__fish_paycli_using_subcommand sandbox" -s p -l profile -d 'Profile to use (else `default_profile` in the config)' -r
complete -c paycli -n "__fish_paycli_using_subcommand sandbox" -l config -d 'Config file (else <config dir>/paycli/config.toml)' -r -F
complete -c paycli -n "__fish_paycli_using_subcommand sandbox" -s o -l output -d 'Output format: auto is a table on a terminal, json otherwise' -r -f -a "auto\t'A table on a terminal, json otherwise'
table\t'A table for people'
json\t'One object, or an array for several items'
ndjson\t'One object a line'
csv\t'A header row and one row per item'"
complete -c paycli -n "__fish_paycli_using_subcommand sandbox" -l color -d 'Colour: auto colours only on a terminal (NO_COLOR is honoured)' -r -f -a "auto\t'Colour only on a terminal, unless NO_COLOR is set'
always\t''
never\t''"
complete -c paycli -n "__fish_paycli_using_subcommand sandbox" -l timeout -d 'Per-request timeout in seconds [default: profile\'s `timeout`, else 30]' -r
complete -c paycli -n "__fish_paycli_using_subcommand sandbox" -l ca-cert -d 'Also trust the CA certificates in this PEM file (a private CA); checks stay on' -r -F
complete -c paycli -n "__fish_paycli_using_subcommand sandbox" -s v -l verbose -d 'Show the HTTP exchange on stderr (credentials redacted)'
complete -c paycli -n "__fish_paycli_using_subcommand sandbox" -s q -l quiet -d 'No summaries, progress or notes on stderr (errors and warnings still print)'
complete -c paycli -n "__fish_paycli_using_subcommand sandbox" -l no-journal -d 'Do not read or write the order journal (see docs/journal.md)'
complete -c paycli -n "__fish_paycli_using_subcommand sandbox" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c paycli -n "__fish_paycli_using_subcommand demo" -s p -l profile -d 'Profile to use (else `default_profile` in the config)' -r
complete -c paycli -n "__fish_paycli_using_subcommand demo" -l config -d 'Config file (else <config dir>/paycli/config.toml)' -r -F
complete -c paycli -n "__fish_paycli_using_subcommand demo" -s o -l output -d 'Output format: auto is a table on a terminal, json otherwise' -r -f -a "auto\t'A table on a terminal, json otherwise'
table\t'A table for people'
json\t'One object, or an array for several items'
ndjson\t'One object a line'
csv\t'A header row and one row per item'"
complete -c paycli -n "__fish_paycli_using_subcommand demo" -l color -d 'Colour: auto colours only on a terminal (NO_COLOR is honoured)' -r -f -a "auto\t'Colour only on a terminal, unless NO_COLOR is set'
always\t''
never\t''"
complete -c paycli -n "__fish_paycli_using_subcommand demo" -l timeout -d 'Per-request timeout in seconds [default: profile\'s `timeout`, else 30]' -r
complete -c paycli -n "__fish_paycli_using_subcommand demo" -l ca-cert -d 'Also trust the CA certificates in this PEM file (a private CA); checks stay on' -r -F
complete -c paycli -n "__fish_paycli_using_subcommand demo" -s v -l verbose -d 'Show the HTTP exchange on stderr (credentials redacted)'
complete -c paycli -n "__fish_paycli_using_subcommand demo" -s q -l quiet -d 'No summaries, progress or notes on stderr (errors and warnings still print)'
complete -c paycli -n "__fish_paycli_using_subcommand demo" -l no-journal -d 'Do not read or write the order journal (see docs/journal.md)'
complete -c paycli -n "__fish_paycli_using_subcommand demo" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c paycli -n "__fish_paycli_using_subcommand doctor" -s p -l profile -d 'Profile to use (else `default_profile` in the config)' -r
complete -c paycli -n "__fish_paycli_using_subcommand doctor" -l config -d 'Config file (else <config dir>/paycli/config.toml)' -r -F
complete -c paycli -n "__fish_paycli_using_subcommand doctor" -s o -l output -d 'Output format: auto is a table on a terminal, json otherwise' -r -f -a "auto\t'A table on a terminal, json otherwise'
table\t'A table for people'
json\t'One object, or an array for several items'
ndjson\t'One object a line'
csv\t'A header row and one row per item'"
complete -c paycli -n "__fish_paycli_using_subcommand doctor" -l color -d 'Colour: auto colours only on a terminal (NO_COLOR is honoured)' -r -f -a "auto\t'Colour only on a terminal, unless NO_COLOR is set'
always\t''
never\t''"
complete -c paycli -n "__fish_paycli_using_subcommand doctor" -l timeout -d 'Per-request timeout in seconds [default: profile\'s `timeout`, else 30]' -r
complete -c paycli -n "__fish_paycli_using_subcommand doctor" -l ca-cert -d 'Also trust the CA certificates in this PEM file (a private CA); checks stay on' -r -F
complete -c paycli -n "__fish_paycli_using_subcommand doctor" -s v -l verbose -d 'Show the HTTP exchange on stderr (credentials redacted)'
complete -c paycli -n "__fish_paycli_using_subcommand doctor" -s q -l quiet -d 'No summaries, progress or notes on stderr (errors and warnings still print)'
complete -c paycli -n "__fish_paycli_using_subcommand doctor" -l no-journal -d 'Do not read or write the order journal (see docs/journal.md)'
complete -c paycli -n "__fish_paycli_using_subcommand doctor" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c paycli -n "__fish_paycli_using_subcommand manpage" -s p -l profile -d 'Profile to use (else `default_profile` in the config)' -r
complete -c paycli -n "__fish_paycli_using_subcommand manpage" -l config -d 'Config file (else <config dir>/paycli/config.toml)' -r -F
complete -c paycli -n "__fish_paycli_using_subcommand manpage" -s o -l output -d 'Output format: auto is a table on a terminal, json otherwise' -r -f -a "auto\t'A table on a terminal, json otherwise'
table\t'A table for people'
json\t'One object, or an array for several items'
ndjson\t'One object a line'
csv\t'A header row and one row per item'"
complete -c paycli -n "__fish_paycli_using_subcommand manpage" -l color -d 'Colour: auto colours only on a terminal (NO_COLOR is honoured)' -r -f -a "auto\t'Colour only on a terminal, unless NO_COLOR is set'
always\t''
never\t''"
complete -c paycli -n "__fish_paycli_using_subcommand manpage" -l timeout -d 'Per-request timeout in seconds [default: profile\'s `timeout`, else 30]' -r
complete -c paycli -n "__fish_paycli_using_subcommand manpage" -l ca-cert -d 'Also trust the CA certificates in this PEM file (a private CA); checks stay on' -r -F
complete -c paycli -n "__fish_paycli_using_subcommand manpage" -s v -l verbose -d 'Show the HTTP exchange on stderr (credentials redacted)'
complete -c paycli -n "__fish_paycli_using_subcommand manpage" -s q -l quiet -d 'No summaries, progress or notes on stderr (errors and warnings still print)'
complete -c paycli -n "__fish_paycli_using_subcommand manpage" -l no-journal -d 'Do not read or write the order journal (see docs/journal.md)'
complete -c paycli -n "__fish_paycli_using_subcommand manpage" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c paycli -n "__fish_paycli_using_subcommand help; and not __fish_seen_subcommand_from checkout status callback orders journal reconcile config completions sandbox demo doctor manpage help" -f -a "checkout" -d 'Create hosted checkouts'
complete -c paycli -n "__fish_paycli_using_subcommand help; and not __fish_seen_subcommand_from checkout status callback orders journal reconcile config completions sandbox demo doctor manpage help" -f -a "status" -d 'Query the provider for order status'
complete -c paycli -n "__fish_paycli_using_subcommand help; and not __fish_seen_subcommand_from checkout status callback orders journal reconcile config completions sandbox demo doctor manpage help" -f -a "callback" -d 'Verify captured callbacks (webhooks)'
complete -c paycli -n "__fish_paycli_using_subcommand help; and not __fish_seen_subcommand_from checkout status callback orders journal reconcile config completions sandbox demo doctor manpage help" -f -a "orders" -d 'The order journal: what paycli created and the latest status it learned'
complete -c paycli -n "__fish_paycli_using_subcommand help; and not __fish_seen_subcommand_from checkout status callback orders journal reconcile config completions sandbox demo doctor manpage help" -f -a "journal" -d 'The journal\'s store: schema migrations, copying it into PostgreSQL (see docs/journal.md)'
complete -c paycli -n "__fish_paycli_using_subcommand help; and not __fish_seen_subcommand_from checkout status callback orders journal reconcile config completions sandbox demo doctor manpage help" -f -a "reconcile" -d 'Check every order of a ledger CSV against the provider and classify the differences'
complete -c paycli -n "__fish_paycli_using_subcommand help; and not __fish_seen_subcommand_from checkout status callback orders journal reconcile config completions sandbox demo doctor manpage help" -f -a "config" -d 'Inspect and create the configuration'
complete -c paycli -n "__fish_paycli_using_subcommand help; and not __fish_seen_subcommand_from checkout status callback orders journal reconcile config completions sandbox demo doctor manpage help" -f -a "completions" -d 'Print a shell completion script'
complete -c paycli -n "__fish_paycli_using_subcommand help; and not __fish_seen_subcommand_from checkout status callback orders journal reconcile config completions sandbox demo doctor manpage help" -f -a "sandbox" -d 'Run a local emulator of every provider on 127.0.0.1'
complete -c paycli -n "__fish_paycli_using_subcommand help; and not __fish_seen_subcommand_from checkout status callback orders journal reconcile config completions sandbox demo doctor manpage help" -f -a "demo" -d 'Run the whole loop offline against an in-process sandbox'
complete -c paycli -n "__fish_paycli_using_subcommand help; and not __fish_seen_subcommand_from checkout status callback orders journal reconcile config completions sandbox demo doctor manpage help" -f -a "doctor" -d 'Check a profile without creating anything: config, secrets, keys, network, clock, credentials'
complete -c paycli -n "__fish_paycli_using_subcommand help; and not __fish_seen_subcommand_from checkout status callback orders journal reconcile config completions sandbox demo doctor manpage help" -f -a "manpage" -d 'Print the man page (roff), as committed under man/'
complete -c paycli -n "__fish_paycli_using_subcommand help; and not __fish_seen_subcommand_from checkout status callback orders journal reconcile config completions sandbox demo doctor manpage help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c paycli -n "__fish_paycli_using_subcommand help; and __fish_seen_subcommand_from checkout" -f -a "create" -d 'Create a checkout and print the URL to send the customer to'
complete -c paycli -n "__fish_paycli_using_subcommand help; and __fish_seen_subcommand_from status" -f -a "check" -d 'Query the status of one or more orders'
complete -c paycli -n "__fish_paycli_using_subcommand help; and __fish_seen_subcommand_from callback" -f -a "verify" -d 'Verify captured callbacks: raw HTTP request files (or directories of them) or bodies with --header'
complete -c paycli -n "__fish_paycli_using_subcommand help; and __fish_seen_subcommand_from callback" -f -a "listen" -d 'Receive callbacks on 127.0.0.1: verify, print, save, and answer or forward each one'
complete -c paycli -n "__fish_paycli_using_subcommand help; and __fish_seen_subcommand_from callback" -f -a "send" -d 'Send a signed test callback in the provider\'s real shape to your endpoint'
complete -c paycli -n "__fish_paycli_using_subcommand help; and __fish_seen_subcommand_from orders" -f -a "list" -d 'List journal entries (every profile unless --of-profile)'
complete -c paycli -n "__fish_paycli_using_subcommand help; and __fish_seen_subcommand_from journal" -f -a "migrate" -d 'Bring the journal\'s schema up to date (paycli applies additive steps by itself)'
complete -c paycli -n "__fish_paycli_using_subcommand help; and __fish_seen_subcommand_from journal" -f -a "copy" -d 'Copy every order and callback event of this journal into another one (e.g. into PostgreSQL)'
complete -c paycli -n "__fish_paycli_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "path" -d 'Print where the config file is'
complete -c paycli -n "__fish_paycli_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "list" -d 'List the profiles (config file and built-in)'
complete -c paycli -n "__fish_paycli_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "show" -d 'Show one profile with secrets redacted'
complete -c paycli -n "__fish_paycli_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "init" -d 'Write a commented starter config file'
