//! The journal in PostgreSQL, shared by several hosts, through tokio-postgres (TLS by rustls).
//!
//! The journal interface is synchronous (batch input threads, the writer thread, and async
//! handlers all use it), and tokio-postgres is async: each store owns a one-thread runtime that
//! drives its connection, and each call hands its future to that runtime and waits on a channel.
//! That works from any thread, including inside another runtime, where blocking on a second
//! runtime would panic.
//!
//! Durability is the server's: a commit is acknowledged once PostgreSQL says so
//! (`synchronous_commit = on`, its default, means it is on disk, and survives power loss).

use super::claims::Claim;
use super::location::PgTarget;
use super::migrations::Step;
use super::{CallbackEvent, Location, OrderFilter, OrderRow, PageKey, Release, StatusUpdate, Store, db_time, sql};
use crate::error::{Error, Result};
use crate::model::CheckoutRecord;
use chrono::Utc;
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;
use tokio_postgres::Client;
use tokio_postgres::types::ToSql;

type PgResult<T> = std::result::Result<T, tokio_postgres::Error>;

/// Connecting (TCP, TLS, authentication) must finish within this.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// Any one call (a batch of writes included), as SQLite's busy timeout.
const CALL_BUDGET: Duration = Duration::from_secs(30);
/// Serialises migrations of one database across hosts (`pg_advisory_xact_lock`).
const MIGRATION_LOCK: i64 = 0x7061_7963_6c69; // "paycli"

pub struct PgStore {
    runtime: Option<tokio::runtime::Runtime>,
    client: Arc<Client>,
    location: Location,
}

impl Drop for PgStore {
    fn drop(&mut self) {
        // Allowed anywhere, unlike dropping a runtime inside another one.
        if let Some(rt) = self.runtime.take() {
            rt.shutdown_background();
        }
    }
}

impl PgStore {
    pub fn connect(location: Location) -> Result<PgStore> {
        let Location::Postgres(target) = &location else {
            return Err(Error::internal("not a PostgreSQL location"));
        };
        let mut config: tokio_postgres::Config = target
            .url
            .expose()
            .parse()
            .map_err(|e: tokio_postgres::Error| Error::config(location.scrub(&format!("{location}: {e}"))))?;
        config.connect_timeout(CONNECT_TIMEOUT);
        if config.get_application_name().is_none() {
            config.application_name("paycli");
        }
        let tls = tls(target)?;
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .thread_name("journal-postgres")
            .enable_all()
            .build()
            .map_err(|e| Error::internal(format!("cannot start the journal's runtime: {e}")))?;
        let (tx, rx) = std::sync::mpsc::sync_channel(1);
        runtime.spawn(async move {
            let connected = tokio::time::timeout(CONNECT_TIMEOUT, config.connect(tls)).await;
            let client = match connected {
                Ok(Ok((client, connection))) => {
                    // Ends when the client is dropped or the server goes away; calls then fail.
                    tokio::spawn(connection);
                    Ok(client)
                }
                Ok(Err(e)) => Err(Some(e)),
                Err(_) => Err(None),
            };
            let _ = tx.send(client);
        });
        let client = match rx.recv() {
            Ok(Ok(client)) => client,
            failed => {
                // A runtime may not be dropped inside another one (paycli's commands run in one).
                runtime.shutdown_background();
                return Err(match failed {
                    // The server answered (bad password, no such database): the setting is wrong.
                    Ok(Err(Some(e))) if e.as_db_error().is_some() => {
                        Error::config(format!("{location}: {}", location.scrub(&describe(&e))))
                            .with_hint("check the user, password and database in the journal URL")
                    }
                    Ok(Err(Some(e))) => Error::network(format!(
                        "{location}: cannot connect: {}",
                        location.scrub(&describe(&e))
                    ))
                    .with_hint(
                        "check the journal URL (PAYCLI_JOURNAL or `journal` in the config), the server and the network",
                    ),
                    _ => Error::network(format!("{location}: cannot connect within {}s", CONNECT_TIMEOUT.as_secs())),
                });
            }
        };
        Ok(PgStore { runtime: Some(runtime), client: Arc::new(client), location })
    }

    /// Runs one call on the store's runtime and waits for it, within `CALL_BUDGET`.
    fn run<T, F, Fut>(&self, call: F) -> Result<T>
    where
        T: Send + 'static,
        F: FnOnce(Arc<Client>) -> Fut,
        Fut: Future<Output = PgResult<T>> + Send + 'static,
    {
        let runtime = self.runtime.as_ref().ok_or_else(|| Error::internal("journal runtime stopped"))?;
        let fut = call(self.client.clone());
        let (tx, rx) = std::sync::mpsc::sync_channel(1);
        runtime.spawn(async move {
            let _ = tx.send(tokio::time::timeout(CALL_BUDGET, fut).await);
        });
        match rx.recv() {
            Ok(Ok(Ok(v))) => Ok(v),
            Ok(Ok(Err(e))) => Err(self.err(&e)),
            Ok(Err(_)) => {
                Err(Error::network(format!("{}: no answer within {}s", self.location, CALL_BUDGET.as_secs())))
            }
            Err(_) => Err(Error::internal("the journal's runtime stopped")),
        }
    }

    /// Like `run`, inside one transaction: committed when `call` succeeds, else rolled back.
    fn transaction<T, F, Fut>(&self, call: F) -> Result<T>
    where
        T: Send + 'static,
        F: FnOnce(Arc<Client>) -> Fut + Send + 'static,
        Fut: Future<Output = PgResult<T>> + Send + 'static,
    {
        self.run(|c| async move {
            c.batch_execute("BEGIN").await?;
            match call(c.clone()).await {
                Ok(v) => {
                    c.batch_execute("COMMIT").await?;
                    Ok(v)
                }
                Err(e) => {
                    let _ = c.batch_execute("ROLLBACK").await;
                    Err(e)
                }
            }
        })
    }

    fn err(&self, e: &tokio_postgres::Error) -> Error {
        let message = self.location.scrub(&format!("{}: {}", self.location, describe(e)));
        if e.as_db_error().is_none() && e.is_closed() { Error::network(message) } else { Error::config(message) }
    }
}

/// The server's own message when there is one (with its detail), else the root cause.
fn describe(e: &tokio_postgres::Error) -> String {
    if let Some(db) = e.as_db_error() {
        return match db.detail() {
            Some(d) => format!("{} ({d})", db.message()),
            None => db.message().to_string(),
        };
    }
    let mut text = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        text = format!("{text}: {s}");
        source = s.source();
    }
    text
}

/// rustls with the system's roots plus `sslrootcert`/`--ca-cert`; certificates and host names are
/// always checked (there is no way to turn that off, as for every connection paycli makes).
fn tls(target: &PgTarget) -> Result<tokio_postgres_rustls::MakeRustlsConnect> {
    use rustls::pki_types::CertificateDer;
    use rustls::pki_types::pem::PemObject;
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let mut extra = Vec::new();
    for path in &target.ca_certs {
        let shown = path.display();
        let certs = CertificateDer::pem_file_iter(path)
            .and_then(|certs| certs.collect::<std::result::Result<Vec<_>, _>>())
            .map_err(|e| Error::config(format!("cannot read the CA certificate file {shown}: {e}")))?;
        if certs.is_empty() {
            return Err(Error::config(format!("{shown} holds no PEM certificate")));
        }
        extra.extend(certs);
    }
    let bad = |e: rustls::Error| Error::config(format!("cannot set up TLS for the journal: {e}"));
    let verifier = rustls_platform_verifier::Verifier::new_with_extra_roots(extra, provider.clone()).map_err(bad)?;
    let config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(bad)?
        .dangerous()
        .with_custom_certificate_verifier(Arc::new(verifier))
        .with_no_client_auth();
    Ok(tokio_postgres_rustls::MakeRustlsConnect::new(config))
}

fn row(r: &tokio_postgres::Row) -> OrderRow {
    OrderRow {
        profile: r.get(0),
        provider: r.get(1),
        order_id: r.get(2),
        provider_ref: r.get(3),
        status: r.get(4),
        provider_status: r.get(5),
        amount: r.get(6),
        currency: r.get(7),
        checkout_url: r.get(8),
        created_at: r.get(9),
        status_changed_at: r.get(10),
        last_checked_at: r.get(11),
        checks: r.get(12),
        source: r.get(13),
        first_seen_at: r.get(14),
        late: r.get::<_, Option<String>>(15).is_some(),
        late_after: r.get(15),
    }
}

fn args(values: &[String]) -> Vec<&(dyn ToSql + Sync)> {
    values.iter().map(|v| v as &(dyn ToSql + Sync)).collect()
}

impl Store for PgStore {
    fn location(&self) -> &Location {
        &self.location
    }

    fn record_checkout(&mut self, r: &CheckoutRecord) -> Result<()> {
        let r = r.clone();
        let created = db_time(&r.created_at.unwrap_or_else(Utc::now));
        self.run(|c| async move {
            let amount = r.amount.map(|a| a.to_string());
            c.execute(
                sql::UPSERT_CHECKOUT.as_str(),
                &[
                    &r.profile,
                    &r.provider,
                    &r.order_id,
                    &r.provider_ref,
                    &amount,
                    &r.currency,
                    &r.checkout_url,
                    &created,
                    &r.status.as_str(),
                    &r.provider_status,
                ],
            )
            .await
            .map(|_| ())
        })
    }

    fn record_many(&mut self, updates: &[StatusUpdate], releases: &[Release]) -> Result<usize> {
        let (updates, releases) = (updates.to_vec(), releases.to_vec());
        self.transaction(|c| async move {
            let (event, upsert, release) = (
                c.prepare(sql::INSERT_EVENT).await?,
                c.prepare(sql::UPSERT_STATUS.as_str()).await?,
                c.prepare(sql::RELEASE_ONE).await?,
            );
            let mut applied = 0;
            for u in &updates {
                let at = db_time(&u.at);
                if let Some(key) = &u.event
                    && c.execute(&event, &[&u.profile, key, &u.order_id, &at]).await? == 0
                {
                    continue;
                }
                let f = &u.facts;
                let amount = f.amount.map(|a| a.to_string());
                c.execute(
                    &upsert,
                    &[
                        &u.profile,
                        &u.provider,
                        &u.order_id,
                        &f.provider_ref,
                        &amount,
                        &f.currency,
                        &at,
                        &f.status.as_str(),
                        &f.provider_status,
                        &u.source,
                    ],
                )
                .await?;
                applied += 1;
            }
            for r in &releases {
                c.execute(&release, &[&r.profile, &r.order_id, &r.owner]).await?;
            }
            Ok(applied)
        })
    }

    fn provider_ref(&mut self, profile: &str, order_id: &str) -> Result<Option<String>> {
        let (profile, order_id) = (profile.to_string(), order_id.to_string());
        self.run(|c| async move {
            let row = c.query_opt(sql::PROVIDER_REF, &[&profile, &order_id]).await?;
            Ok(row.and_then(|r| r.get::<_, Option<String>>(0)))
        })
    }

    fn get(&mut self, profile: &str, order_id: &str) -> Result<Option<OrderRow>> {
        let (profile, order_id) = (profile.to_string(), order_id.to_string());
        self.run(|c| async move { Ok(c.query_opt(&sql::get(), &[&profile, &order_id]).await?.as_ref().map(row)) })
    }

    fn page(&mut self, filter: &OrderFilter, after: Option<&PageKey>, limit: usize) -> Result<Vec<OrderRow>> {
        let (text, values) = sql::page(filter, after, limit);
        self.run(|c| async move { Ok(c.query(&text, &args(&values)).await?.iter().map(row).collect()) })
    }

    fn claim(&mut self, claim: &Claim, limit: usize) -> Result<Vec<OrderRow>> {
        let returning: Vec<String> = sql::COLUMNS.split(", ").map(|c| format!("o.{c}")).collect();
        let text = format!(
            "UPDATE orders o SET lease_owner = $1, lease_until = now() + make_interval(secs => $2),
                                 last_claimed_at = $3
             FROM (SELECT profile, order_id FROM orders
                   WHERE profile = $4 AND status IN ('pending', 'unknown')
                     AND COALESCE(created_at, first_seen_at) < $5
                     AND ((lease_until IS NULL AND COALESCE(last_claimed_at, '') < $6
                           AND COALESCE(last_checked_at, '') < $6)
                          OR lease_until < now())
                   ORDER BY order_id LIMIT {limit}
                   FOR UPDATE SKIP LOCKED) due
             WHERE o.profile = due.profile AND o.order_id = due.order_id
             RETURNING {}",
            returning.join(", ")
        );
        let (owner, profile, before, cutoff) = claim.binds();
        let (owner, profile) = (owner.to_string(), profile.to_string());
        let lease = claim.lease.as_secs_f64();
        let now = db_time(&Utc::now());
        // A claim lost to a server crash costs nothing (its orders are simply claimable again),
        // so it does not wait for the server's disk flush; recorded answers do.
        let mut rows = self.transaction(move |c| async move {
            c.batch_execute("SET LOCAL synchronous_commit = off").await?;
            let rows = c.query(&text, &[&owner, &lease, &now, &profile, &before, &cutoff]).await?;
            Ok(rows.iter().map(row).collect::<Vec<_>>())
        })?;
        rows.sort_by(|a, b| a.order_id.cmp(&b.order_id));
        Ok(rows)
    }

    fn foreign_leases(&mut self, claim: &Claim) -> Result<Option<Duration>> {
        let (owner, profile, before, _) = claim.binds();
        let (owner, profile) = (owner.to_string(), profile.to_string());
        let left: Option<f64> = self.run(|c| async move {
            let r = c
                .query_one(
                    "SELECT EXTRACT(EPOCH FROM MIN(lease_until) - now())::float8 FROM orders
                     WHERE profile = $1 AND status IN ('pending', 'unknown') AND COALESCE(created_at, first_seen_at) < $2
                       AND lease_owner <> $3 AND lease_until >= now()",
                    &[&profile, &before, &owner],
                )
                .await?;
            Ok(r.get(0))
        })?;
        // try_from: a NaN from the database must not panic (issue #12).
        Ok(left.and_then(|s: f64| Duration::try_from_secs_f64(s.clamp(0.0, 86_400.0)).ok()))
    }

    fn renew_leases(&mut self, claim: &Claim) -> Result<u64> {
        let (owner, lease) = (claim.owner.clone(), claim.lease.as_secs_f64());
        // Like a claim, a renewal lost to a server crash costs nothing: no disk flush awaited.
        self.transaction(move |c| async move {
            c.batch_execute("SET LOCAL synchronous_commit = off").await?;
            c.execute(
                "UPDATE orders SET lease_until = now() + make_interval(secs => $2)
                 WHERE lease_owner = $1 AND lease_until >= now()",
                &[&owner, &lease],
            )
            .await
        })
    }

    fn release_all(&mut self, owner: &str) -> Result<u64> {
        let owner = owner.to_string();
        self.run(|c| async move { c.execute(sql::RELEASE_ALL, &[&owner]).await })
    }

    fn schema_version(&mut self) -> Result<i64> {
        self.run(|c| async move {
            let exists: bool = c.query_one("SELECT to_regclass('journal_schema') IS NOT NULL", &[]).await?.get(0);
            if !exists {
                return Ok(0);
            }
            Ok(c.query_one("SELECT COALESCE(MAX(version), 0)::int8 FROM journal_schema", &[]).await?.get(0))
        })
    }

    fn apply_migration(&mut self, step: &Step) -> Result<bool> {
        let (version, description, ddl) = (step.version, step.description, step.postgres);
        self.transaction(move |c| async move {
            c.execute("SELECT pg_advisory_xact_lock($1)", &[&MIGRATION_LOCK]).await?;
            c.batch_execute(
                "CREATE TABLE IF NOT EXISTS journal_schema (
                     version     BIGINT PRIMARY KEY,
                     description TEXT NOT NULL,
                     applied_at  TIMESTAMPTZ NOT NULL DEFAULT now())",
            )
            .await?;
            let current: i64 =
                c.query_one("SELECT COALESCE(MAX(version), 0)::int8 FROM journal_schema", &[]).await?.get(0);
            if current >= version {
                return Ok(false);
            }
            c.batch_execute(ddl).await?;
            c.execute("INSERT INTO journal_schema (version, description) VALUES ($1, $2)", &[&version, &description])
                .await?;
            Ok(true)
        })
    }

    fn events_page(&mut self, after: Option<&PageKey>, limit: usize) -> Result<Vec<CallbackEvent>> {
        let text = sql::events_page(after, limit);
        let values: Vec<String> = after.map(|PageKey(a, b)| vec![a.clone(), b.clone()]).unwrap_or_default();
        self.run(|c| async move {
            let rows = c.query(&text, &args(&values)).await?;
            Ok(rows
                .iter()
                .map(|r| CallbackEvent {
                    profile: r.get(0),
                    event_key: r.get(1),
                    order_id: r.get(2),
                    recorded_at: r.get(3),
                })
                .collect())
        })
    }

    fn import(&mut self, orders: &[OrderRow], events: &[CallbackEvent]) -> Result<(u64, u64)> {
        let (orders, events) = (orders.to_vec(), events.to_vec());
        self.transaction(|c| async move {
            let (insert_order, insert_event) =
                (c.prepare(&sql::import_order()).await?, c.prepare(sql::INSERT_EVENT).await?);
            let (mut o, mut e) = (0, 0);
            for r in &orders {
                o += c
                    .execute(
                        &insert_order,
                        &[
                            &r.profile,
                            &r.provider,
                            &r.order_id,
                            &r.provider_ref,
                            &r.status,
                            &r.provider_status,
                            &r.amount,
                            &r.currency,
                            &r.checkout_url,
                            &r.created_at,
                            &r.status_changed_at,
                            &r.last_checked_at,
                            &r.checks,
                            &r.source,
                            &r.first_seen_at,
                            &r.late_after,
                        ],
                    )
                    .await?;
            }
            for ev in &events {
                e += c.execute(&insert_event, &[&ev.profile, &ev.event_key, &ev.order_id, &ev.recorded_at]).await?;
            }
            Ok((o, e))
        })
    }

    fn probe_write(&mut self) -> Result<()> {
        let probe = sql::probe(self.schema_version()?);
        self.run(move |c| async move {
            c.batch_execute("BEGIN").await?;
            let written = c.batch_execute(probe).await;
            c.batch_execute("ROLLBACK").await?;
            written
        })
    }
}
