use super::*;
use std::os::unix::fs::symlink;

fn mode(p: &Path) -> u32 {
    std::fs::symlink_metadata(p).unwrap().mode() & 0o7777
}

/// The names in `dir`, sorted: a leftover temporary file shows here.
fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> =
        std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    v.sort();
    v
}

#[test]
fn a_new_file_is_600_and_nothing_else_is_left() {
    let d = tempfile::tempdir().unwrap();
    let p = d.path().join("report.csv");
    write(&p, b"a,b\n").unwrap();
    assert_eq!(std::fs::read(&p).unwrap(), b"a,b\n");
    assert_eq!(mode(&p), 0o600);
    assert_eq!(names(d.path()), ["report.csv"]);
}

#[test]
fn a_loose_file_becomes_600_and_a_stricter_one_keeps_its_mode() {
    let d = tempfile::tempdir().unwrap();
    let p = d.path().join("r");
    for (before, after) in [(0o644, 0o600), (0o666, 0o600), (0o640, 0o600), (0o600, 0o600), (0o400, 0o400)] {
        std::fs::write(&p, "old").unwrap();
        std::fs::set_permissions(&p, Permissions::from_mode(before)).unwrap();
        write(&p, b"new").unwrap();
        assert_eq!(mode(&p), after, "{before:o}");
        assert_eq!(std::fs::read(&p).unwrap(), b"new");
    }
}

#[test]
fn a_symlink_at_the_target_is_replaced_never_written_through() {
    let d = tempfile::tempdir().unwrap();
    let victim = d.path().join("victim");
    std::fs::write(&victim, "precious").unwrap();
    std::fs::set_permissions(&victim, Permissions::from_mode(0o644)).unwrap();
    let live = d.path().join("live");
    symlink(&victim, &live).unwrap();
    write(&live, b"report").unwrap();
    assert_eq!(std::fs::read(&victim).unwrap(), b"precious");
    assert_eq!(mode(&victim), 0o644, "the link's target is not chmod'ed either");
    assert!(std::fs::symlink_metadata(&live).unwrap().is_file());
    assert_eq!(mode(&live), 0o600);

    let nowhere = d.path().join("nowhere");
    let dangling = d.path().join("dangling");
    symlink(&nowhere, &dangling).unwrap();
    write(&dangling, b"report").unwrap();
    assert!(!nowhere.exists(), "a dangling link's target is not created");
    assert_eq!(std::fs::read(&dangling).unwrap(), b"report");
}

#[test]
fn a_dropped_stage_leaves_no_temporary_file_and_the_old_file_whole() {
    let d = tempfile::tempdir().unwrap();
    let p = d.path().join("state");
    std::fs::write(&p, "old").unwrap();
    let mut s = Staged::beside(&p).unwrap();
    let tmp = s.temp_path().to_path_buf();
    assert_eq!(tmp.parent(), Some(d.path()));
    assert!(tmp.file_name().unwrap().to_string_lossy().starts_with(".state."));
    s.write_all(b"half").unwrap();
    drop(s);
    assert_eq!(names(d.path()), ["state"]);
    assert_eq!(std::fs::read(&p).unwrap(), b"old");
}

#[test]
fn temporary_names_are_unpredictable() {
    let d = tempfile::tempdir().unwrap();
    let p = d.path().join("r");
    let a = Staged::beside(&p).unwrap();
    let b = Staged::beside(&p).unwrap();
    assert_ne!(a.temp_path(), b.temp_path());
    assert_eq!(mode(a.temp_path()), 0o600);
}

#[test]
fn place_new_never_replaces_a_file_or_a_symlink() {
    let d = tempfile::tempdir().unwrap();
    let taken = d.path().join("taken");
    std::fs::write(&taken, "first").unwrap();
    let nowhere = d.path().join("nowhere");
    let dangling = d.path().join("dangling");
    symlink(&nowhere, &dangling).unwrap();
    let mut s = Staged::beside(&d.path().join("capture")).unwrap();
    s.write_all(b"second").unwrap();
    for name in [&taken, &dangling] {
        assert_eq!(s.place_new(name).unwrap_err().kind(), io::ErrorKind::AlreadyExists, "{name:?}");
    }
    assert!(!nowhere.exists());
    let free = d.path().join("free");
    s.place_new(&free).unwrap();
    drop(s);
    assert_eq!(std::fs::read(&taken).unwrap(), b"first");
    assert_eq!(std::fs::read(&free).unwrap(), b"second");
    assert_eq!(mode(&free), 0o600);
    assert_eq!(names(d.path()), ["dangling", "free", "taken"]);
}

#[test]
fn folders_made_are_700_and_existing_ones_keep_their_mode() {
    let d = tempfile::tempdir().unwrap();
    std::fs::set_permissions(d.path(), Permissions::from_mode(0o755)).unwrap();
    let deep = d.path().join("a/b/c");
    create_dir(&deep).unwrap();
    for p in [d.path().join("a"), d.path().join("a/b"), deep.clone()] {
        assert_eq!(mode(&p), 0o700, "{p:?}");
    }
    assert_eq!(mode(d.path()), 0o755);
    create_dir(&deep).unwrap();
}

#[test]
fn create_empty_refuses_a_symlink_and_keeps_an_existing_file() {
    let d = tempfile::tempdir().unwrap();
    let db = d.path().join("journal.db");
    create_empty(&db).unwrap();
    assert_eq!(mode(&db), 0o600);
    std::fs::write(&db, "rows").unwrap();
    create_empty(&db).unwrap();
    assert_eq!(std::fs::read(&db).unwrap(), b"rows");

    let nowhere = d.path().join("nowhere");
    let link = d.path().join("link.db");
    symlink(&nowhere, &link).unwrap();
    assert!(create_empty(&link).unwrap_err().to_string().contains("symbolic link"));
    assert!(!nowhere.exists());
}

#[test]
fn tighten_takes_group_and_others_bits_off_regular_files_only() {
    let d = tempfile::tempdir().unwrap();
    let f = d.path().join("j");
    std::fs::write(&f, "").unwrap();
    for (before, after) in [(0o644, 0o600), (0o660, 0o600), (0o604, 0o600), (0o400, 0o400), (0o600, 0o600)] {
        std::fs::set_permissions(&f, Permissions::from_mode(before)).unwrap();
        tighten(&f).unwrap();
        assert_eq!(mode(&f), after, "{before:o}");
    }
    let other = d.path().join("other");
    std::fs::write(&other, "").unwrap();
    std::fs::set_permissions(&other, Permissions::from_mode(0o644)).unwrap();
    let link = d.path().join("link");
    symlink(&other, &link).unwrap();
    tighten(&link).unwrap();
    assert_eq!(mode(&other), 0o644);
    tighten(&d.path().join("missing")).unwrap();
}
