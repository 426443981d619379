//! Disclosure control: which figures a group report may show, so that no
//! figure can be derived for fewer than `min_segment` people.
//!
//! Every report goes through this module; the rules are those of
//! `docs/scoring.md#disclosure-control`. A *figure* is one statistic with
//! its own `n` (a foundation, the overall score, power, a misconception),
//! and a *cell* is one segment's part of a figure (a role's mean on one
//! foundation, say). The functions here see only counts, never scores: what
//! may be shown depends on how many people stand behind each number, not on
//! what they answered.

/// Why a segment cell is withheld.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Withheld {
    /// Rule 3: fewer than `k` respondents in the cell.
    TooFew,
    /// Rule 4: the rest of the group, `N − n`, is between 1 and `k − 1`, so
    /// the whole minus the cell would reveal them.
    Complement,
    /// Rule 5: without it, between 1 and `k − 1` respondents of the figure
    /// would be in no shown cell, and the whole minus the shown cells would
    /// reveal them.
    Secondary,
    /// Rule 6: in a grouping where one respondent may be in several cells,
    /// some sum and difference of the shown cells and the whole would cover
    /// between 1 and `k − 1` respondents.
    Audit,
}

/// The counts behind one figure in one grouping.
#[derive(Clone, Debug)]
pub(crate) struct Figure {
    /// The figure's `n` over the whole group.
    pub(crate) total: u64,
    /// Each cell's `n`, in the grouping's order.
    pub(crate) cells: Vec<u64>,
    /// How the figure's respondents fall into cells, where one respondent
    /// may be in several (roles): `(set of cells as bits, how many)`, the
    /// empty set counting those in no cell. `None` where the cells are
    /// disjoint (organisations, the sides of the power divide).
    pub(crate) overlap: Option<Vec<(u64, u64)>>,
}

/// Whether a figure whose `n` is `n` may be shown at all (rules 1 and 2).
pub(crate) fn figure_shown(n: u64, k: u64) -> bool {
    n >= k
}

/// Which cells of `figure` may be shown with `k = min_segment`: `None` for
/// a shown cell, or why it is withheld.
///
/// Rules 3 and 4 judge each cell alone; rules 5 and 6 then withhold the
/// smallest shown cell (ties: the later in the grouping's order) until
/// neither finds a disclosure.
pub(crate) fn cells(figure: &Figure, k: u64) -> Vec<Option<Withheld>> {
    let mut verdicts: Vec<Option<Withheld>> = figure
        .cells
        .iter()
        .map(|&n| {
            if n < k {
                Some(Withheld::TooFew)
            } else if n < figure.total && figure.total - n < k {
                Some(Withheld::Complement)
            } else {
                None
            }
        })
        .collect();
    // Each pass withholds one more cell, so this ends within `cells` passes.
    for _ in 0..=figure.cells.len() {
        let reason = if discloses(in_no_shown_cell(figure, &verdicts), k) {
            Withheld::Secondary
        } else if figure.overlap.as_ref().is_some_and(|atoms| audit_finds(atoms, &verdicts, k)) {
            Withheld::Audit
        } else {
            break;
        };
        let smallest = verdicts
            .iter()
            .zip(&figure.cells)
            .enumerate()
            .filter(|(_, (v, _))| v.is_none())
            .min_by(|(i, (_, a)), (j, (_, b))| a.cmp(b).then(j.cmp(i)))
            .map(|(i, _)| i);
        match smallest.and_then(|i| verdicts.get_mut(i)) {
            Some(v) => *v = Some(reason),
            None => break,
        }
    }
    verdicts
}

/// Whether a set of `size` respondents would be disclosed: between 1 and
/// `k − 1` of them.
fn discloses(size: u64, k: u64) -> bool {
    size >= 1 && size < k
}

/// How many of the figure's respondents are in no shown cell.
fn in_no_shown_cell(figure: &Figure, verdicts: &[Option<Withheld>]) -> u64 {
    match &figure.overlap {
        None => {
            let shown: u64 =
                figure.cells.iter().zip(verdicts).filter(|(_, v)| v.is_none()).map(|(n, _)| n).sum();
            figure.total.saturating_sub(shown)
        }
        Some(atoms) => {
            let shown = shown_mask(verdicts);
            atoms.iter().filter(|(set, _)| set & shown == 0).map(|&(_, n)| n).sum()
        }
    }
}

/// The shown cells as bits.
fn shown_mask(verdicts: &[Option<Withheld>]) -> u64 {
    verdicts
        .iter()
        .enumerate()
        .filter(|(i, v)| v.is_none() && *i < 64)
        .fold(0, |mask, (i, _)| mask | (1 << i))
}

/// The most basis atoms the exact audit enumerates (2^this assignments);
/// past it the audit falls back to a stricter sufficient test.
const MAX_AUDIT_RANK: usize = 16;

/// Rule 6, exactly: whether some combination of the shown cells' sums and
/// the whole figure's sum covers between 1 and `k − 1` respondents.
///
/// An attacker who adds and subtracts shown sums (with any coefficients)
/// computes `Σ_j c_j·sum(cell j) + c_0·sum(all)`. That weighs each
/// respondent by `c_0 + Σ_{j ∋ them} c_j`, which depends only on which shown
/// cells they are in: their *atom*. It is the sum over a set of people
/// exactly when every non-empty atom gets weight 0 or 1. The weights of all
/// atoms are fixed by those of a basis of atoms (atoms whose membership
/// vectors are linearly independent), so trying every 0/1 weighting of a
/// basis finds every such set.
#[allow(clippy::cast_precision_loss)] // counts stay far below 2^52
fn audit_finds(atoms: &[(u64, u64)], verdicts: &[Option<Withheld>], k: u64) -> bool {
    let shown = shown_mask(verdicts);
    let columns: Vec<u64> = (0..64).filter(|i| shown & (1 << i) != 0).collect();
    // Atoms as seen through the shown cells: merge those alike.
    let mut merged: Vec<(u64, u64)> = Vec::new();
    for &(set, n) in atoms.iter().filter(|&&(_, n)| n > 0) {
        let seen = set & shown;
        match merged.iter_mut().find(|(s, _)| *s == seen) {
            Some((_, total)) => *total += n,
            None => merged.push((seen, n)),
        }
    }
    // Membership vectors: one entry per shown cell, and a last 1 for the
    // whole figure.
    let vector = |set: u64| -> Vec<f64> {
        columns.iter().map(|c| if set & (1 << c) != 0 { 1.0 } else { 0.0 }).chain([1.0]).collect()
    };
    let vectors: Vec<Vec<f64>> = merged.iter().map(|&(set, _)| vector(set)).collect();
    let Some((basis, coefficients)) = basis_and_coefficients(&vectors) else {
        // Too many independent atoms to enumerate: safe only if every atom
        // is itself large, since every computable set is a union of atoms.
        return merged.iter().any(|&(_, n)| n < k);
    };
    let sizes: Vec<f64> = merged.iter().map(|&(_, n)| n as f64).collect();
    for assignment in 1u64..(1 << basis.len()) {
        let weights: Vec<f64> = coefficients
            .iter()
            .map(|lambda| {
                lambda
                    .iter()
                    .enumerate()
                    .map(|(b, l)| if assignment & (1 << b) != 0 { *l } else { 0.0 })
                    .sum()
            })
            .collect();
        let zero_one = weights.iter().all(|w| w.abs() < 1e-9 || (w - 1.0).abs() < 1e-9);
        if !zero_one {
            continue;
        }
        let covered: f64 =
            weights.iter().zip(&sizes).filter(|(w, _)| (*w - 1.0).abs() < 1e-9).map(|(_, s)| s).sum();
        if covered >= 0.5 && covered < k as f64 - 0.5 {
            return true;
        }
    }
    false
}

/// A basis among `vectors` (by index), and every vector's coefficients on
/// it; `None` when the basis is larger than [`MAX_AUDIT_RANK`].
///
/// Gaussian elimination with partial pivoting on small 0/1 matrices: the
/// coefficients are small rationals, computed well within the 1e-9 the
/// caller allows.
fn basis_and_coefficients(vectors: &[Vec<f64>]) -> Option<(Vec<usize>, Vec<Vec<f64>>)> {
    // Reduced rows of the basis so far, each with its expression as a
    // combination of the basis vectors.
    let mut reduced: Vec<(Vec<f64>, Vec<f64>, usize)> = Vec::new(); // (row, combination, pivot)
    let mut basis: Vec<usize> = Vec::new();
    let mut coefficients: Vec<Vec<f64>> = Vec::new();
    for (index, v) in vectors.iter().enumerate() {
        let mut row = v.clone();
        let mut combination = vec![0.0; basis.len()];
        for (r, c, pivot) in &reduced {
            let factor = row.get(*pivot).copied().unwrap_or(0.0);
            if factor.abs() > 1e-12 {
                for (x, y) in row.iter_mut().zip(r) {
                    *x -= factor * y;
                }
                for (x, y) in combination.iter_mut().zip(c) {
                    *x += factor * y;
                }
            }
        }
        let pivot = row.iter().enumerate().max_by(|a, b| a.1.abs().total_cmp(&b.1.abs())).map(|(i, _)| i);
        match pivot.and_then(|p| Some((p, *row.get(p)?))) {
            Some((p, value)) if value.abs() > 1e-9 => {
                if basis.len() == MAX_AUDIT_RANK {
                    return None;
                }
                // A new basis vector: v = combination·basis + row, so with
                // row normalised, v is itself the new basis element.
                let scale = 1.0 / value;
                let normalised: Vec<f64> = row.iter().map(|x| x * scale).collect();
                // normalised = (v − combination·basis) / value.
                let mut expression: Vec<f64> = combination.iter().map(|x| -x * scale).collect();
                expression.push(scale);
                // Earlier reduced rows gain a zero coefficient on the new one.
                for (_, c, _) in &mut reduced {
                    c.push(0.0);
                }
                for c in &mut coefficients {
                    c.push(0.0);
                }
                basis.push(index);
                reduced.push((normalised, expression, p));
                let mut own = vec![0.0; basis.len()];
                if let Some(last) = own.last_mut() {
                    *last = 1.0;
                }
                coefficients.push(own);
            }
            _ => coefficients.push(combination),
        }
    }
    Some((basis, coefficients))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn disjoint(total: u64, cells: &[u64]) -> Figure {
        Figure { total, cells: cells.to_vec(), overlap: None }
    }

    #[test]
    fn primary_suppression_withholds_cells_below_k() {
        // k = 3: the cell of 2 is withheld; 4 and 3 stay, and 9 − 4 − 3 − 2 =
        // 0 are outside cells, but 2 are now in no shown cell, so rule 5
        // withholds the smallest shown cell, the 3 (then 5 are outside).
        let v = cells(&disjoint(9, &[4, 3, 2]), 3);
        assert_eq!(v, [None, Some(Withheld::Secondary), Some(Withheld::TooFew)]);
    }

    #[test]
    fn the_complement_rule_withholds_a_cell_that_is_nearly_everyone() {
        // N = 7, a cell of 5: 7 − 5 = 2 < 3, so the rest would be revealed.
        // The other cell, of 2, is too small. Nothing is shown.
        let v = cells(&disjoint(7, &[2, 5]), 3);
        assert_eq!(v, [Some(Withheld::TooFew), Some(Withheld::Complement)]);
        // A cell of everyone (N − n = 0) is fine.
        assert_eq!(cells(&disjoint(7, &[7]), 3), [None]);
    }

    #[test]
    fn secondary_suppression_counts_those_in_no_cell() {
        // 10 respondents, cells 4 and 4, 2 without an organisation: the 2
        // would be the whole minus both cells, so one cell goes: the later
        // of the two equal ones. Then 6 are outside shown cells: fine.
        let v = cells(&disjoint(10, &[4, 4]), 3);
        assert_eq!(v, [None, Some(Withheld::Secondary)]);
        // With 3 outside, nothing more is needed.
        assert_eq!(cells(&disjoint(11, &[4, 4]), 3), [None, None]);
    }

    #[test]
    fn the_audit_finds_an_intersection_of_overlapping_cells() {
        // Roles A (bit 0) and B (bit 1). Five in A only, four in B only,
        // one in both, nobody in neither: A + B − all = the one in both.
        let figure =
            Figure { total: 10, cells: vec![6, 5], overlap: Some(vec![(0b01, 5), (0b10, 4), (0b11, 1)]) };
        let v = cells(&figure, 3);
        // Rules 3–5 see nothing (both ≥ 3, complements 4 and 5, none in no
        // cell); the audit withholds the smaller, B.
        assert_eq!(v, [None, Some(Withheld::Audit)]);
        // With three in neither role, A + B − all is no longer a set of
        // people, and both stay shown.
        let figure = Figure {
            total: 13,
            cells: vec![6, 5],
            overlap: Some(vec![(0b01, 5), (0b10, 4), (0b11, 1), (0, 3)]),
        };
        assert_eq!(cells(&figure, 3), [None, None]);
    }

    #[test]
    fn the_audit_sees_an_atom_that_is_a_difference_of_nested_cells() {
        // A ⊂ B: A has 4, B has A and one more. B − A is one person, so the
        // smaller cell, A, is withheld; B and the 3 in neither stay.
        let figure =
            Figure { total: 8, cells: vec![4, 5], overlap: Some(vec![(0b11, 4), (0b10, 1), (0, 3)]) };
        assert_eq!(cells(&figure, 3), [Some(Withheld::Audit), None]);
    }
}
