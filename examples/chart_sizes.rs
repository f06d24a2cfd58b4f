fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(10000);
    let org = organogram::synthetic::organisation(n, 42);
    let t = std::time::Instant::now();
    let charts = organogram::charts::all_charts(&org, &Default::default());
    let el = t.elapsed();
    let mut max_w: f32 = 0.0;
    let mut max_h: f32 = 0.0;
    let mut bytes = 0;
    for c in &charts {
        let vb = c.svg.split("viewBox=\"0 0 ").nth(1).unwrap();
        let mut it = vb.split([' ', '"']);
        let w: f32 = it.next().unwrap().parse().unwrap();
        let h: f32 = it.next().unwrap().parse().unwrap();
        max_w = max_w.max(w);
        max_h = max_h.max(h);
        bytes += c.svg.len();
    }
    println!(
        "{n} units: {} charts, max {max_w}x{max_h}, {} MB, {:?}",
        charts.len(),
        bytes / 1_000_000,
        el
    );
}
