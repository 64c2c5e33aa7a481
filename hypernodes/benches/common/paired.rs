//! Paired measurement for the `cache` and `map` benches: two variants run in alternating
//! short batches, so that load from other processes hits both alike. Reports each
//! variant's fastest batch and the median of the per-round ratios (as `zero_cost_paired.rs`).

use std::time::Instant;

/// The result of [`compare`]: nanoseconds per call.
pub struct Paired {
    /// The fastest batch of `a`.
    pub best_a: f64,
    /// The fastest batch of `b`.
    pub best_b: f64,
    /// The median batch of `a`.
    pub median_a: f64,
    /// The median batch of `b`.
    pub median_b: f64,
    /// The median over rounds of `a / b`.
    pub median_ratio: f64,
}

/// Nanoseconds per call over `n` calls of `f`.
fn time_batch(f: &mut impl FnMut(), n: u32) -> f64 {
    let start = Instant::now();
    for _ in 0..n {
        f();
    }
    start.elapsed().as_nanos() as f64 / f64::from(n)
}

fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

/// Times `a` against `b` over `rounds` rounds of one batch each, batches about
/// `batch_nanos` long (at least one call).
pub fn compare(
    mut a: impl FnMut(),
    mut b: impl FnMut(),
    rounds: usize,
    batch_nanos: f64,
) -> Paired {
    // Warm up and size the batches by the slower of the two.
    let rough = time_batch(&mut a, 1).max(time_batch(&mut b, 1));
    let rough = time_batch(&mut a, (batch_nanos / rough).clamp(1.0, 100_000.0) as u32)
        .max(time_batch(
            &mut b,
            (batch_nanos / rough).clamp(1.0, 100_000.0) as u32,
        ))
        .max(0.1);
    let n = (batch_nanos / rough).clamp(1.0, 100_000.0) as u32;
    let (mut times_a, mut times_b, mut ratios) = (Vec::new(), Vec::new(), Vec::new());
    for round in 0..rounds {
        // Alternate which variant goes first, so that neither always follows the other.
        let (ta, tb) = if round % 2 == 0 {
            let ta = time_batch(&mut a, n);
            (ta, time_batch(&mut b, n))
        } else {
            let tb = time_batch(&mut b, n);
            (time_batch(&mut a, n), tb)
        };
        times_a.push(ta);
        times_b.push(tb);
        ratios.push(ta / tb);
    }
    let best_a = times_a.iter().copied().fold(f64::MAX, f64::min);
    let best_b = times_b.iter().copied().fold(f64::MAX, f64::min);
    Paired {
        best_a,
        best_b,
        median_a: median(&mut times_a),
        median_b: median(&mut times_b),
        median_ratio: median(&mut ratios),
    }
}

/// Prints the header of a table of [`row`]s.
pub fn header(title: &str, a: &str, b: &str) {
    println!("\n{title}");
    println!(
        "{:<28} {:>12} {:>12} {:>12} {:>12} {:>10} {:>10}",
        "case",
        format!("{a} min"),
        format!("{b} min"),
        format!("{a} med"),
        format!("{b} med"),
        "min ratio",
        "med ratio"
    );
}

/// Prints one row: times in the unit that suits them.
pub fn row(case: &str, p: &Paired) {
    println!(
        "{case:<28} {:>12} {:>12} {:>12} {:>12} {:>10.3} {:>10.3}",
        human(p.best_a),
        human(p.best_b),
        human(p.median_a),
        human(p.median_b),
        p.best_a / p.best_b,
        p.median_ratio
    );
}

/// `ns` as ns, µs or ms.
pub fn human(ns: f64) -> String {
    if ns < 1e3 {
        format!("{ns:.1} ns")
    } else if ns < 1e6 {
        format!("{:.2} µs", ns / 1e3)
    } else {
        format!("{:.2} ms", ns / 1e6)
    }
}
