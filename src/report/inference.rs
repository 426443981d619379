//! Precision, reliability and tests: the statistics an analyst asks of a
//! report (`docs/scoring.md#inference`). Every one is computed from the
//! mergeable counts, and the distributions' quantiles come from `statrs`.

use schemars::JsonSchema;
use serde::Serialize;

use crate::framework::Foundation;
use statrs::distribution::{ContinuousCDF, FisherSnedecor, StudentsT};

/// The 0.975 quantile of Student's t with `df` degrees of freedom: the
/// multiplier of a two-sided 95% interval.
pub(crate) fn t975(df: f64) -> Option<f64> {
    let t = StudentsT::new(0.0, 1.0, df).ok()?;
    Some(t.inverse_cdf(0.975)).filter(|q| q.is_finite())
}

/// The two-sided p-value of `t` under Student's t with `df` degrees of
/// freedom: `2 · P(T > |t|)`.
pub(crate) fn t_p(t: f64, df: f64) -> Option<f64> {
    let dist = StudentsT::new(0.0, 1.0, df).ok()?;
    Some((2.0 * dist.sf(t.abs())).min(1.0)).filter(|p| p.is_finite())
}

/// `P(F > f)` under the F distribution with `d1` and `d2` degrees of
/// freedom.
pub(crate) fn f_p(f: f64, d1: f64, d2: f64) -> Option<f64> {
    let dist = FisherSnedecor::new(d1, d2).ok()?;
    Some(dist.sf(f)).filter(|p| p.is_finite())
}

/// A mean's 95% confidence interval, `mean ± t(0.975, n − 1) · sd / √n`;
/// `None` when `n < 2`. Not clamped to 0–100.
#[allow(clippy::cast_precision_loss)] // counts stay far below 2^52
pub(crate) fn ci95(n: u64, mean: Option<f64>, sd: Option<f64>) -> Option<[f64; 2]> {
    if n < 2 {
        return None;
    }
    let (mean, sd) = (mean?, sd?);
    let half = t975((n - 1) as f64)? * sd / (n as f64).sqrt();
    Some([mean - half, mean + half])
}

/// A sample's size, mean and variance (n − 1), as a test needs them.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Sample {
    pub(crate) n: u64,
    pub(crate) mean: f64,
    /// `None` when `n < 2`.
    pub(crate) variance: Option<f64>,
}

/// Welch's t-test of the difference of two means, as a report gives it.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, JsonSchema)]
pub struct WelchTest {
    /// The t statistic of the difference (first minus second); `null` when
    /// either side has fewer than 2 scores or both have no spread.
    pub t: Option<f64>,
    /// Welch–Satterthwaite degrees of freedom; `null` with `t`.
    pub df: Option<f64>,
    /// The two-sided p-value; `null` with `t`.
    pub p: Option<f64>,
    /// The difference's 95% confidence interval, `diff ± t(0.975, df)·se`;
    /// `null` with `t`.
    pub ci95: Option<[f64; 2]>,
    /// Cohen's d: the difference over the pooled sd
    /// `√(((n₁−1)s₁² + (n₂−1)s₂²)/(n₁+n₂−2))`; `null` when that is 0 or
    /// undefined.
    pub cohens_d: Option<f64>,
}

impl WelchTest {
    /// The test of `a`'s mean minus `b`'s.
    #[allow(clippy::cast_precision_loss)] // counts stay far below 2^52
    pub(crate) fn of(a: Sample, b: Sample) -> Self {
        let diff = a.mean - b.mean;
        let (n1, n2) = (a.n as f64, b.n as f64);
        let spread = a.variance.zip(b.variance);
        let test = spread.and_then(|(v1, v2)| {
            let (w1, w2) = (v1 / n1, v2 / n2);
            let se = (w1 + w2).sqrt();
            let denominator = w1 * w1 / (n1 - 1.0) + w2 * w2 / (n2 - 1.0);
            if se <= 0.0 || denominator <= 0.0 || !se.is_finite() {
                return None;
            }
            let df = (w1 + w2) * (w1 + w2) / denominator;
            let t = diff / se;
            let q = t975(df)?;
            Some((t, df, t_p(t, df)?, [diff - q * se, diff + q * se]))
        });
        let cohens_d = spread.and_then(|(v1, v2)| {
            let pooled = (((n1 - 1.0) * v1 + (n2 - 1.0) * v2) / (n1 + n2 - 2.0)).sqrt();
            (pooled > 0.0 && pooled.is_finite()).then(|| diff / pooled)
        });
        Self {
            t: test.map(|t| t.0),
            df: test.map(|t| t.1),
            p: test.map(|t| t.2),
            ci95: test.map(|t| t.3),
            cohens_d,
        }
    }
}

/// Whether a change between two reports is beyond noise: Welch's t-test of
/// the later scores against the earlier, the waves taken as independent
/// samples (they are anonymous, so no one can be paired).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, JsonSchema)]
pub struct ChangeTest {
    /// The t statistic of the change (later minus earlier); `null` when
    /// either wave has fewer than 2 scores or neither varies.
    pub t: Option<f64>,
    /// Welch–Satterthwaite degrees of freedom; `null` with `t`.
    pub df: Option<f64>,
    /// The two-sided p-value; `null` with `t`.
    pub p: Option<f64>,
    /// The change's 95% confidence interval; `null` with `t`.
    pub ci95: Option<[f64; 2]>,
    /// Cohen's d: the change over the pooled sd; `null` where undefined.
    pub cohens_d: Option<f64>,
    /// Whether `p` < 0.05: a change beyond noise; `null` with `p`.
    pub significant: Option<bool>,
}

impl ChangeTest {
    /// The test of `later`'s mean minus `earlier`'s.
    pub(crate) fn of(earlier: Sample, later: Sample) -> Self {
        let WelchTest { t, df, p, ci95, cohens_d } = WelchTest::of(later, earlier);
        Self { t, df, p, ci95, cohens_d, significant: p.map(|p| p < 0.05) }
    }
}

/// Cronbach's alpha of a foundation's items over the respondents who
/// answered them all.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct Reliability {
    /// How many respondents answered every item of the foundation (not
    /// "n/a"): the complete cases alpha is computed over.
    pub complete: u64,
    /// Cronbach's alpha, `k/(k−1) · (1 − Σ s²ᵢ / s²ₓ)` on the keyed answers,
    /// with sample variances and X the sum of the items; `null` when fewer
    /// than 2 complete cases, when X does not vary, or when withheld.
    pub alpha: Option<f64>,
    /// For each item, alpha of the other items over the same complete
    /// cases; `null` where fewer than 2 items would remain. Empty when
    /// alpha is withheld.
    pub alpha_if_dropped: Vec<ItemAlpha>,
}

/// Alpha without one item.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct ItemAlpha {
    /// The item left out.
    pub item: String,
    /// Alpha of the remaining items; `null` where fewer than 2 remain or it
    /// is undefined.
    pub alpha: Option<f64>,
}

/// The complete cases of one foundation's items: their count, the sums of
/// the keyed answers, and the sums of their products, all exact integers.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct CrossProducts {
    pub(crate) n: u64,
    /// Per item, `Σ xᵢ`.
    pub(crate) sums: Vec<u64>,
    /// `Σ xᵢ xⱼ` for `i ≤ j`, row by row: `(0,0), (0,1), …, (1,1), …`.
    pub(crate) products: Vec<u64>,
}

impl CrossProducts {
    pub(crate) fn new(items: usize) -> Self {
        Self { n: 0, sums: vec![0; items], products: vec![0; items * (items + 1) / 2] }
    }

    /// Counts one complete case.
    pub(crate) fn add(&mut self, values: &[u8]) {
        self.n += 1;
        let mut at = 0;
        for (i, &x) in values.iter().enumerate() {
            if let Some(sum) = self.sums.get_mut(i) {
                *sum += u64::from(x);
            }
            for &y in values.get(i..).unwrap_or_default() {
                if let Some(p) = self.products.get_mut(at) {
                    *p += u64::from(x) * u64::from(y);
                }
                at += 1;
            }
        }
    }

    pub(crate) fn merge(&mut self, other: &Self) {
        self.n += other.n;
        for (a, b) in self.sums.iter_mut().zip(&other.sums) {
            *a += b;
        }
        for (a, b) in self.products.iter_mut().zip(&other.products) {
            *a += b;
        }
    }

    fn items(&self) -> usize {
        self.sums.len()
    }

    /// `n(n−1) · cov(i, j)`, exactly: `n Σxᵢxⱼ − Σxᵢ Σxⱼ`.
    fn scaled_cov(&self, i: usize, j: usize) -> i128 {
        let (i, j) = if i <= j { (i, j) } else { (j, i) };
        let k = self.items();
        // Row i starts after rows 0..i, of k, k − 1, … entries.
        let product = self.products.get(i * (2 * k - i + 1) / 2 + (j - i)).copied().unwrap_or(0);
        let (si, sj) = (self.sums.get(i).copied().unwrap_or(0), self.sums.get(j).copied().unwrap_or(0));
        i128::from(self.n) * i128::from(product) - i128::from(si) * i128::from(sj)
    }

    /// Alpha over the items in `keep` (positions); `None` for fewer than 2
    /// items or complete cases, or when their sum does not vary.
    #[allow(clippy::cast_precision_loss)] // exact integers, converted once
    fn alpha_of(&self, keep: &[usize]) -> Option<f64> {
        let k = keep.len();
        if k < 2 || self.n < 2 {
            return None;
        }
        // Both variances carry the same factor n(n−1), which cancels.
        let items: i128 = keep.iter().map(|&i| self.scaled_cov(i, i)).sum();
        let total: i128 = keep
            .iter()
            .flat_map(|&i| keep.iter().map(move |&j| (i, j)))
            .map(|(i, j)| self.scaled_cov(i, j))
            .sum();
        if total <= 0 {
            return None;
        }
        let k = k as f64;
        Some(k / (k - 1.0) * (1.0 - items as f64 / total as f64))
    }

    /// Alpha of all the items, and of each set without one.
    pub(crate) fn alpha(&self) -> (Option<f64>, Vec<Option<f64>>) {
        let all: Vec<usize> = (0..self.items()).collect();
        let dropped = all
            .iter()
            .map(|&d| {
                let keep: Vec<usize> = all.iter().copied().filter(|&i| i != d).collect();
                self.alpha_of(&keep)
            })
            .collect();
        (self.alpha_of(&all), dropped)
    }
}

/// One foundation's difference between organisations.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct GroupDifference {
    /// The foundation.
    pub foundation: Foundation,
    /// How many organisations are compared: those shown, with a mean on the
    /// foundation.
    pub groups: u64,
    /// The one-way ANOVA's F, `(SSB/(G−1)) / (SSW/(N−G))`; `null` where a
    /// denominator is 0 or `N − G < 1`.
    pub f: Option<f64>,
    /// `G − 1`.
    pub df_between: u64,
    /// `N − G`.
    pub df_within: u64,
    /// `P(F > f)`; `null` with `f`.
    pub p: Option<f64>,
    /// `SSB / (SSB + SSW)`: the share of the variation that lies between
    /// organisations; `null` when there is none at all.
    pub eta_squared: Option<f64>,
    /// ICC(1), `(MSB − MSW)/(MSB + (N/G − 1)·MSW)` (Bliese's ICC1
    /// in R's multilevel package): how much of one respondent's score their
    /// organisation explains; `null` where undefined.
    pub icc1: Option<f64>,
    /// ICC(2), `(MSB − MSW)/MSB` (Bliese's ICC2): how reliably the
    /// organisations' means differ; `null` where undefined.
    pub icc2: Option<f64>,
}

/// One group of an ANOVA: its size, mean and sum of squared deviations.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Cell {
    pub(crate) n: u64,
    pub(crate) mean: f64,
    pub(crate) ss: f64,
}

impl GroupDifference {
    /// The one-way ANOVA over `cells` (at least two).
    #[allow(clippy::cast_precision_loss)] // counts stay far below 2^52
    pub(crate) fn of(foundation: Foundation, cells: &[Cell]) -> Self {
        let g = cells.len() as u64;
        let n: u64 = cells.iter().map(|c| c.n).sum();
        let grand = cells.iter().map(|c| c.n as f64 * c.mean).sum::<f64>() / n as f64;
        let ssb: f64 = cells.iter().map(|c| c.n as f64 * (c.mean - grand) * (c.mean - grand)).sum();
        let ssw: f64 = cells.iter().map(|c| c.ss).sum();
        let (df_between, df_within) = (g.saturating_sub(1), n.saturating_sub(g));
        let msb = (df_between > 0).then(|| ssb / df_between as f64);
        let msw = (df_within > 0).then(|| ssw / df_within as f64);
        let f = msb.zip(msw).and_then(|(b, w)| (w > 0.0).then(|| b / w));
        let p = f.and_then(|f| f_p(f, df_between as f64, df_within as f64));
        let eta_squared = (ssb + ssw > 0.0).then(|| ssb / (ssb + ssw));
        let icc1 = msb.zip(msw).and_then(|(b, w)| {
            let denominator = b + (n as f64 / g as f64 - 1.0) * w;
            (denominator != 0.0).then(|| (b - w) / denominator)
        });
        let icc2 = msb.zip(msw).and_then(|(b, w)| (b != 0.0).then(|| (b - w) / b));
        Self { foundation, groups: g, f, df_between, df_within, p, eta_squared, icc1, icc2 }
    }
}

// Saved results read back, closed: `crate::de::read_closed`.
crate::de::read_closed!(WelchTest { t: Option<f64>, df: Option<f64>, p: Option<f64>, ci95: Option<[f64; 2]>, cohens_d: Option<f64> });
crate::de::read_closed!(ChangeTest { t: Option<f64>, df: Option<f64>, p: Option<f64>, ci95: Option<[f64; 2]>, cohens_d: Option<f64>, significant: Option<bool> });
crate::de::read_closed!(Reliability { complete: u64, alpha: Option<f64>, alpha_if_dropped: Vec<ItemAlpha> });
crate::de::read_closed!(ItemAlpha { item: String, alpha: Option<f64> });
crate::de::read_closed!(GroupDifference { foundation: Foundation, groups: u64, f: Option<f64>, df_between: u64, df_within: u64, p: Option<f64>, eta_squared: Option<f64>, icc1: Option<f64>, icc2: Option<f64> });

#[cfg(test)]
mod tests {
    use super::{Cell, CrossProducts, GroupDifference, Sample, WelchTest, ci95};
    use crate::framework::Foundation;

    fn near(found: Option<f64>, expected: f64) -> bool {
        found.is_some_and(|f| (f - expected).abs() < 1e-12)
    }

    #[test]
    fn anova_by_hand() {
        // Groups {1, 3} and {5, 7}: means 2 and 6, each SS 2; N 4, G 2,
        // grand mean 4. SSB = 2·4 + 2·4 = 16, SSW = 4; MSB = 16, MSW = 2;
        // F = 8, eta² = 16/20, ICC1 = 14/(16 + 1·2) = 7/9, ICC2 = 14/16.
        // F(1, 2) is t² on 2 df, whose tail is closed-form:
        // p = 1 − 8^½/10^½ = 1 − √0.8.
        let cells = [Cell { n: 2, mean: 2.0, ss: 2.0 }, Cell { n: 2, mean: 6.0, ss: 2.0 }];
        let d = GroupDifference::of(Foundation::SharedLearning, &cells);
        assert_eq!((d.groups, d.df_between, d.df_within), (2, 1, 2));
        assert!(near(d.f, 8.0));
        assert!(near(d.eta_squared, 0.8));
        assert!(near(d.icc1, 7.0 / 9.0));
        assert!(near(d.icc2, 0.875));
        assert!(d.p.is_some_and(|p| (p - (1.0 - 0.8f64.sqrt())).abs() < 1e-9), "{:?}", d.p);
    }

    #[test]
    fn anova_nulls() {
        // One respondent a group: N − G = 0, so there is no MSW, and no F,
        // p or ICC; eta² is still SSB / SSB = 1.
        let singles = [Cell { n: 1, mean: 10.0, ss: 0.0 }, Cell { n: 1, mean: 20.0, ss: 0.0 }];
        let d = GroupDifference::of(Foundation::SharedLearning, &singles);
        assert_eq!(d.df_within, 0);
        assert_eq!((d.f, d.p, d.icc1, d.icc2), (None, None, None, None));
        assert!(near(d.eta_squared, 1.0));
        // No spread within groups: MSW = 0, so no F, while ICC1 = ICC2 = 1.
        let flat = [Cell { n: 2, mean: 10.0, ss: 0.0 }, Cell { n: 2, mean: 20.0, ss: 0.0 }];
        let d = GroupDifference::of(Foundation::SharedLearning, &flat);
        assert_eq!((d.f, d.p), (None, None));
        assert!(near(d.icc1, 1.0) && near(d.icc2, 1.0));
        // No variation at all: every figure is undefined.
        let same = [Cell { n: 2, mean: 10.0, ss: 0.0 }, Cell { n: 2, mean: 10.0, ss: 0.0 }];
        let d = GroupDifference::of(Foundation::SharedLearning, &same);
        assert_eq!((d.f, d.eta_squared, d.icc2), (None, None, None));
    }

    #[test]
    fn welch_and_interval_nulls() {
        let one = Sample { n: 1, mean: 50.0, variance: None };
        let three = Sample { n: 3, mean: 40.0, variance: Some(25.0) };
        // A side with one score: no variance, so no test and no d.
        assert_eq!(
            WelchTest::of(one, three),
            WelchTest { t: None, df: None, p: None, ci95: None, cohens_d: None }
        );
        // Both without spread: se = 0 and the pooled sd is 0.
        let flat = Sample { n: 3, mean: 40.0, variance: Some(0.0) };
        let test = WelchTest::of(Sample { mean: 50.0, ..flat }, flat);
        assert_eq!((test.t, test.cohens_d), (None, None));
        // An interval needs n ≥ 2 and an sd.
        assert_eq!(ci95(1, Some(50.0), None), None);
        assert_eq!(ci95(2, Some(50.0), None), None);
    }

    #[test]
    fn alpha_nulls() {
        // One complete case: no variances.
        let mut cross = CrossProducts::new(2);
        cross.add(&[3, 4]);
        assert_eq!(cross.alpha(), (None, vec![None, None]));
        // Two items: dropping either leaves one, so alpha if dropped is null.
        cross.add(&[1, 2]);
        let (alpha, dropped) = cross.alpha();
        // Items {3, 1} and {4, 2}: variances 2 and 2, sums {7, 3}: 8;
        // alpha = 2 · (1 − 4/8) = 1.
        assert!(near(alpha, 1.0));
        assert_eq!(dropped, vec![None, None]);
    }
}
