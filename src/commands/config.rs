//! `paycli config path|list|show|init`.

use super::App;
use crate::cli::ConfigCommand;
use crate::config::{self, ProfileOrigin};
use crate::error::{Error, Result};
use crate::output;
use crate::providers;
use serde_json::json;

pub fn run(app: &App, cmd: ConfigCommand) -> Result<u8> {
    match cmd {
        ConfigCommand::Path => {
            let path = app.global.config.clone().unwrap_or_else(config::default_path);
            output::print(&format!("{}\n", path.display()))?;
        }
        ConfigCommand::List => {
            let cfg = app.config()?;
            let mut sink = app.sink_dynamic(true);
            for (name, origin) in cfg.profile_names() {
                let profile = cfg.profile(Some(&name))?;
                sink.push(&json!({
                    "name": name,
                    "provider": profile.provider,
                    "base_url": profile.str("base_url")?,
                    "source": match origin { ProfileOrigin::File(_) => "file", ProfileOrigin::Builtin => "builtin" },
                    "default": cfg.default_profile.as_deref() == Some(name.as_str()),
                }))?;
            }
            sink.finish()?;
        }
        ConfigCommand::Show { name } => {
            let cfg = app.config()?;
            let profile = cfg.profile(name.as_deref().or(app.global.profile.as_deref()))?;
            let secret_keys = providers::find(&profile.provider).map_or(&[][..], |p| p.secret_keys());
            let mut sink = app.sink_dynamic(false);
            sink.push(&profile.redacted(secret_keys))?;
            sink.finish()?;
        }
        ConfigCommand::Init { force, stdout } => {
            if stdout {
                output::print(config::STARTER)?;
                return Ok(0);
            }
            let path = app.global.config.clone().unwrap_or_else(config::default_path);
            if path.exists() && !force {
                return Err(Error::usage(format!("{} already exists", path.display()))
                    .with_hint("use --force to overwrite it, or --stdout to print the starter file"));
            }
            write_private(&path, config::STARTER)?;
            output::note(format_args!("wrote {} (mode 600); edit it and try `paycli config list`", path.display()));
        }
    }
    Ok(0)
}

/// Writes a file only its owner can read: it will hold credentials.
fn write_private(path: &std::path::Path, text: &str) -> Result<()> {
    use std::io::Write;
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| Error::config(format!("cannot create {}: {e}", dir.display())))?;
    }
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    let mut f = opts.open(path).map_err(|e| Error::config(format!("cannot write {}: {e}", path.display())))?;
    f.write_all(text.as_bytes())?;
    Ok(())
}
