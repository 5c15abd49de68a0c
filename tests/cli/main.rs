//! One integration-test binary: the real `paycli` against real servers on 127.0.0.1.

mod common;

mod cashy;
mod config;
mod doctor;
mod general;
mod network;
mod safe_create;
mod sandbox;
