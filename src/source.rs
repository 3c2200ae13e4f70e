//! Reading input: files named on the command line, standard input, and the bundled sample.
//!
//! The only I/O below the binary. Turns the bytes into a [`crate::document::Document`] and every
//! failure into an error that names the file and the problem.
