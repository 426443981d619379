# Independent reference values, in R, for the statistics of
# docs/scoring.md#inference.
#
# Run from the repository root:
#
#     Rscript tests/r/check.R
#
# It reads the built-in instrument and the sample team, scores every
# respondent itself from the raw answers (docs/scoring.md#one-respondent: no
# Rust code is used), computes the statistics, prints a summary, and writes
#
#     tests/r/later.jsonl     the deterministic second wave (see make_later)
#     tests/r/expected.json   every value at full precision
#
# Every statistic is computed twice, by R's own functions (psych, multilevel,
# aov, t.test) and by the formula written out by hand, and the script stops
# if the two disagree by more than 1e-9 (relative).
#
# Debian packages: r-base-core r-cran-psych r-cran-multilevel r-cran-jsonlite.

suppressPackageStartupMessages({
  library(jsonlite)
  library(psych)
  library(multilevel)
})

args <- commandArgs(trailingOnly = TRUE)
root <- if (length(args) >= 1) args[[1]] else "."
path <- function(...) file.path(root, ...)

instrument_file <- path("schemas", "collaboration-health-check.instrument.json")
earlier_file <- path("examples", "data", "team.jsonl")
later_file <- path("tests", "r", "later.jsonl")
expected_file <- path("tests", "r", "expected.json")

TOL <- 1e-9

# ---------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------

# NA (undefined) becomes JSON null when written with na = "null".
num_or_na <- function(x) if (length(x) == 0 || is.null(x) || !is.finite(x)) NA_real_ else x

# Stop unless two computations of one statistic agree (both undefined counts
# as agreement).
agree <- function(what, a, b, tol = TOL) {
  if (is.na(a) && is.na(b)) return(invisible(TRUE))
  if (is.na(a) != is.na(b)) stop(sprintf("%s: one is undefined: %s vs %s", what, a, b))
  if (abs(a - b) > tol * max(1, abs(a), abs(b))) {
    stop(sprintf("%s: %.17g vs %.17g", what, a, b))
  }
  invisible(TRUE)
}

# Greatest common divisor and least common multiple of integers.
gcd <- function(a, b) if (b == 0) a else gcd(b, a %% b)
lcm <- function(v) Reduce(function(a, b) a / gcd(a, b) * b, v, 1)

# ---------------------------------------------------------------------------
# The instrument
# ---------------------------------------------------------------------------

ins <- fromJSON(instrument_file, simplifyVector = FALSE)
scales <- setNames(ins$scales, vapply(ins$scales, `[[`, "", "id"))
items <- data.frame(
  id = vapply(ins$items, `[[`, "", "id"),
  scale = vapply(ins$items, `[[`, "", "scale"),
  kind = vapply(ins$items, function(i) names(i$measures)[[1]], ""),
  target = vapply(ins$items, function(i) as.character(i$measures[[1]]), ""),
  reverse = vapply(ins$items, function(i) identical(i$keying, "reverse"), TRUE),
  stringsAsFactors = FALSE
)
items$points <- vapply(items$scale, function(s) as.numeric(scales[[s]]$points), 0)
items$na_allowed <- vapply(items$scale, function(s) isTRUE(scales[[s]]$not_applicable), TRUE)
# Foundations in the Guide's order: the order of their first item.
foundations <- unique(items$target[items$kind == "foundation"])
foundation_items <- lapply(setNames(foundations, foundations), function(f)
  items$id[items$kind == "foundation" & items$target == f])
power_items <- items$id[items$kind == "power"]

# ---------------------------------------------------------------------------
# Responses
# ---------------------------------------------------------------------------

read_jsonl <- function(file) {
  lines <- readLines(file, warn = FALSE, encoding = "UTF-8")
  lines <- lines[nzchar(trimws(lines))]
  lapply(lines, fromJSON, simplifyVector = FALSE)
}

# The raw answers as a character matrix, respondents × items:
# "1".."A" for a point, "n/a" for not applicable, NA for missing.
raw_matrix <- function(responses) {
  m <- matrix(NA_character_, nrow = length(responses), ncol = nrow(items),
              dimnames = list(vapply(responses, function(r) r$respondent$id, ""), items$id))
  for (r in seq_along(responses)) {
    a <- responses[[r]]$answers
    for (id in names(a)) {
      if (!id %in% items$id) stop("unknown item ", id)
      m[r, id] <- as.character(a[[id]])
    }
  }
  m
}

# Keyed values (docs/scoring.md#scales-and-keying): positive items keep the
# answer v, reverse items become A + 1 − v. "n/a" and missing are NA.
keyed_matrix <- function(raw) {
  k <- suppressWarnings(matrix(as.numeric(raw), nrow = nrow(raw), dimnames = dimnames(raw)))
  for (j in which(items$reverse)) k[, j] <- items$points[j] + 1 - k[, j]
  k
}

# The score of a set of items for one respondent, as one exact fraction
# rounded once (docs/scoring.md#foundation-score):
#   score = 100 × Σ (keyed − 1) × L / (A − 1)  /  (answered × L)
# with L the least common multiple of the items' A − 1. The numerator is an
# integer, so the division is the only rounding.
exact_score <- function(keyed_row, ids) {
  v <- keyed_row[ids]
  a <- items$points[match(ids, items$id)]
  ok <- !is.na(v)
  if (!any(ok)) return(list(answered = 0, score = NA_real_))
  L <- lcm(a[ok] - 1)
  num <- sum((v[ok] - 1) * L / (a[ok] - 1))
  list(answered = sum(ok), score = (100 * num) / (sum(ok) * L))
}

# One respondent's scorecard: foundation scores (coverage rule: at least
# ceil(items / 2) answered, and at least one), overall score (plain double
# mean of the scored foundations, in the Guide's order, when at least half
# the foundations are scored), and power score (no coverage rule).
score_all <- function(responses) {
  raw <- raw_matrix(responses)
  keyed <- keyed_matrix(raw)
  fs <- matrix(NA_real_, nrow = nrow(raw), ncol = length(foundations),
               dimnames = list(rownames(raw), foundations))
  for (i in seq_len(nrow(raw))) for (f in foundations) {
    s <- exact_score(keyed[i, ], foundation_items[[f]])
    need <- max(1, ceiling(length(foundation_items[[f]]) / 2))
    if (s$answered >= need) fs[i, f] <- s$score
  }
  overall <- apply(fs, 1, function(x) {
    x <- x[!is.na(x)]
    # A plain running double sum, then one division, as the crate does.
    if (2 * length(x) >= length(foundations)) Reduce(`+`, x, 0) / length(x) else NA_real_
  })
  power <- vapply(seq_len(nrow(raw)), function(i) exact_score(keyed[i, ], power_items)$score, 0)
  holds <- vapply(responses, function(r) length(r$respondent$power_sources) > 0, TRUE)
  org <- vapply(responses, function(r) {
    o <- r$respondent$organisation
    if (is.null(o) || !nzchar(trimws(o))) NA_character_ else trimws(o)
  }, "")
  list(raw = raw, keyed = keyed, foundation = fs, overall = overall,
       power = power, holds = holds, organisation = org)
}

# ---------------------------------------------------------------------------
# The second wave, made deterministically from the first
# ---------------------------------------------------------------------------
# Rule: a copy of team.jsonl, line by line, in which every numeric answer to
# an item of "healthy-trusting-relationships" or "shared-learning" is raised
# by 1 where that stays on the scale (min(v + 1, A): a 5 stays 5); "n/a" and
# missing answers stay as they are; every other answer is unchanged; each
# respondent id gets the suffix "-w2". Nothing else changes.
raised_foundations <- c("healthy-trusting-relationships", "shared-learning")

make_later <- function(responses) {
  lapply(responses, function(r) {
    r$respondent$id <- paste0(r$respondent$id, "-w2")
    for (id in names(r$answers)) {
      j <- match(id, items$id)
      v <- r$answers[[id]]
      if (items$kind[j] == "foundation" && items$target[j] %in% raised_foundations &&
          is.numeric(v)) {
        r$answers[[id]] <- as.integer(min(v + 1, items$points[j]))
      }
    }
    r
  })
}

# ---------------------------------------------------------------------------
# Statistics
# ---------------------------------------------------------------------------

# Summary and 95% interval of a mean (docs/scoring.md#confidence-interval-of-a-mean):
#   ci95 = mean ± t(0.975, n − 1) × sd / √n,  sd with divisor n − 1;
# null when n < 2.
describe <- function(x) {
  x <- x[!is.na(x)]
  n <- length(x)
  m <- if (n > 0) mean(x) else NA_real_
  s <- if (n > 1) sd(x) else NA_real_
  ci <- if (n > 1) m + c(-1, 1) * qt(0.975, n - 1) * s / sqrt(n) else c(NA_real_, NA_real_)
  if (n > 1) {
    # By hand: the sample sd, and the same interval from t.test.
    agree("sd", s, sqrt(sum((x - m)^2) / (n - 1)))
    if (s > 0) {
      tt <- t.test(x)$conf.int
      agree("ci95 lo", ci[1], tt[1]); agree("ci95 hi", ci[2], tt[2])
    }
  }
  list(n = n, mean = m, sd = s, ci95 = ci)
}

# Cronbach's alpha by hand (Cronbach 1951), on a complete-case matrix:
#   alpha = k/(k − 1) × (1 − Σ s²_i / s²_X)
# s²_i the sample variances of the items, s²_X that of the row totals.
# Undefined (NA) when k < 2, fewer than 2 cases, or s²_X = 0.
alpha_hand <- function(m) {
  k <- ncol(m)
  if (k < 2 || nrow(m) < 2) return(NA_real_)
  sx <- var(rowSums(m))
  if (!is.finite(sx) || sx == 0) return(NA_real_)
  k / (k - 1) * (1 - sum(apply(m, 2, var)) / sx)
}

reliability <- function(keyed, ids) {
  m <- keyed[, ids, drop = FALSE]
  m <- m[stats::complete.cases(m), , drop = FALSE]   # answered every item
  n_c <- nrow(m)
  a <- alpha_hand(m)
  # psych::alpha's raw_alpha is the same coefficient from the covariance
  # matrix: k/(k − 1) × (1 − tr(C)/sum(C)). check.keys = FALSE: the keying is
  # the instrument's, already applied.
  ps <- NULL
  if (!is.na(a)) {
    ps <- suppressWarnings(suppressMessages(psych::alpha(as.data.frame(m), check.keys = FALSE,
                                                          warnings = FALSE)))
    agree(paste("alpha", ids[1]), a, ps$total$raw_alpha)
  }
  dropped <- lapply(seq_along(ids), function(j) {
    rest <- m[, -j, drop = FALSE]
    ad <- if (ncol(rest) >= 2) alpha_hand(rest) else NA_real_
    if (!is.null(ps) && ncol(rest) >= 2) {
      agree(paste("alpha if dropped", ids[j]), ad, ps$alpha.drop[j, "raw_alpha"])
    }
    list(item = ids[j], alpha = ad)
  })
  list(complete = n_c, alpha = a, alpha_if_dropped = dropped)
}

# One-way ANOVA between organisations on one score, with ICC(1) and ICC(2)
# (Bliese 2000). With G groups, N respondents, group sizes n_g:
#   SSB = Σ n_g (mean_g − mean)²,  SSW = Σ Σ (x − mean_g)²
#   MSB = SSB/(G − 1),  MSW = SSW/(N − G),  F = MSB/MSW,
#   p = P(F(G − 1, N − G) > F),  eta² = SSB/(SSB + SSW)
#   ICC(1) = (MSB − MSW)/(MSB + (N/G − 1) MSW),  ICC(2) = (MSB − MSW)/MSB
difference <- function(score, org, foundation) {
  keep <- !is.na(score) & !is.na(org)
  x <- score[keep]; g <- factor(org[keep], levels = sort(unique(org[keep]), method = "radix"))
  N <- length(x); G <- nlevels(g)
  out <- list(foundation = foundation, groups = G, f = NA_real_, df_between = G - 1,
              df_within = N - G, p = NA_real_, eta_squared = NA_real_,
              icc1 = NA_real_, icc2 = NA_real_)
  if (G < 2 || N - G < 1) return(out)
  means <- tapply(x, g, mean); sizes <- tapply(x, g, length)
  ssb <- sum(sizes * (means - mean(x))^2)
  ssw <- sum((x - means[as.integer(g)])^2)
  msb <- ssb / (G - 1); msw <- ssw / (N - G)
  f <- if (msw > 0) msb / msw else NA_real_
  p <- if (!is.na(f)) pf(f, G - 1, N - G, lower.tail = FALSE) else NA_real_
  eta <- if (ssb + ssw > 0) ssb / (ssb + ssw) else NA_real_
  icc1 <- if (msb + (N / G - 1) * msw > 0) (msb - msw) / (msb + (N / G - 1) * msw) else NA_real_
  icc2 <- if (msb > 0) (msb - msw) / msb else NA_real_

  # The same from aov and multilevel.
  fit <- aov(x ~ g)
  tab <- summary(fit)[[1]]
  agree("SSB", ssb, tab[1, "Sum Sq"]); agree("SSW", ssw, tab[2, "Sum Sq"])
  agree("df between", G - 1, tab[1, "Df"]); agree("df within", N - G, tab[2, "Df"])
  if (!is.na(f)) { agree("F", f, tab[1, "F value"]); agree("p", p, tab[1, "Pr(>F)"]) }
  # multilevel::ICC1 takes the group size as (df_within + G)/G = N/G, the
  # mean group size, exactly as the formula above.
  if (!is.na(icc1)) agree("ICC1", icc1, multilevel::ICC1(fit))
  if (!is.na(icc2)) agree("ICC2", icc2, multilevel::ICC2(fit))
  out$f <- f; out$p <- p; out$eta_squared <- eta; out$icc1 <- icc1; out$icc2 <- icc2
  attr(out, "groups") <- data.frame(organisation = levels(g), n = as.vector(sizes),
                                    mean = as.vector(means))
  out
}

# Welch's t-test of a − b (Welch 1947), by hand and by t.test:
#   se = √(s²_a/n_a + s²_b/n_b),  t = (mean_a − mean_b)/se
#   df = se⁴ / ((s²_a/n_a)²/(n_a − 1) + (s²_b/n_b)²/(n_b − 1))   (Satterthwaite)
#   p = 2 P(T_df > |t|),  ci95 = (mean_a − mean_b) ± t(0.975, df) × se
#   Cohen's d = (mean_a − mean_b)/s_p,
#   s_p = √(((n_a − 1)s²_a + (n_b − 1)s²_b)/(n_a + n_b − 2))
# Undefined when either side has fewer than 2 values or se = 0.
welch <- function(a, b) {
  a <- a[!is.na(a)]; b <- b[!is.na(b)]
  na <- length(a); nb <- length(b)
  out <- list(t = NA_real_, df = NA_real_, p = NA_real_, ci95 = c(NA_real_, NA_real_),
              cohens_d = NA_real_)
  if (na < 2 || nb < 2) return(out)
  d <- mean(a) - mean(b)
  va <- var(a) / na; vb <- var(b) / nb
  se <- sqrt(va + vb)
  sp <- sqrt(((na - 1) * var(a) + (nb - 1) * var(b)) / (na + nb - 2))
  out$cohens_d <- if (sp > 0) d / sp else NA_real_
  if (se == 0) return(out)
  t <- d / se
  df <- (va + vb)^2 / (va^2 / (na - 1) + vb^2 / (nb - 1))
  p <- 2 * pt(-abs(t), df)
  ci <- d + c(-1, 1) * qt(0.975, df) * se
  tt <- t.test(a, b, var.equal = FALSE)
  agree("Welch t", t, unname(tt$statistic)); agree("Welch df", df, unname(tt$parameter))
  agree("Welch p", p, tt$p.value)
  agree("Welch ci lo", ci[1], tt$conf.int[1]); agree("Welch ci hi", ci[2], tt$conf.int[2])
  out$t <- t; out$df <- df; out$p <- p; out$ci95 <- ci
  out
}

# Change from earlier to later (later minus earlier), the two waves taken as
# independent samples; significant when p < 0.05.
change <- function(earlier, later, foundation = NULL) {
  e <- earlier[!is.na(earlier)]; l <- later[!is.na(later)]
  em <- if (length(e)) mean(e) else NA_real_
  lm <- if (length(l)) mean(l) else NA_real_
  w <- welch(l, e)
  out <- list(earlier = em, later = lm, change = lm - em, t = w$t, df = w$df, p = w$p,
              ci95 = w$ci95, cohens_d = w$cohens_d,
              significant = if (is.na(w$p)) NA else w$p < 0.05)
  if (!is.null(foundation)) out <- c(list(foundation = foundation), out)
  out
}

# Per item: how many chose each scale point 1..A (the raw answer, before
# keying), how many said "n/a", how many gave no answer.
item_counts <- function(raw) {
  lapply(seq_len(nrow(items)), function(j) {
    col <- raw[, j]
    list(item = items$id[j],
         counts = vapply(seq_len(items$points[j]), function(v) sum(col == as.character(v), na.rm = TRUE), 0L),
         not_applicable = sum(col == "n/a", na.rm = TRUE),
         missing = sum(is.na(col)))
  })
}

# ---------------------------------------------------------------------------
# Run
# ---------------------------------------------------------------------------

earlier_resp <- read_jsonl(earlier_file)
later_resp <- make_later(earlier_resp)
writeLines(vapply(later_resp, function(r) as.character(toJSON(r, auto_unbox = TRUE, digits = NA)), ""),
           later_file, useBytes = TRUE)
later_resp <- read_jsonl(later_file)   # what the Rust test will read

E <- score_all(earlier_resp)
L <- score_all(later_resp)

# Every answer outside the two raised foundations is unchanged, and every
# raised answer is min(v + 1, A).
raised_cols <- items$kind == "foundation" & items$target %in% raised_foundations
stopifnot(identical(unname(E$raw[, !raised_cols]), unname(L$raw[, !raised_cols])))
stopifnot(isTRUE(all.equal(unname(pmin(E$keyed[, raised_cols] + 1, 5)), unname(L$keyed[, raised_cols]))))

out_foundations <- lapply(foundations, function(f) {
  d <- describe(E$foundation[, f])
  c(list(foundation = f), d, list(reliability = reliability(E$keyed, foundation_items[[f]])))
})
out_overall <- describe(E$overall)
differences <- lapply(foundations, function(f) difference(E$foundation[, f], E$organisation, f))
voice <- welch(E$power[E$holds], E$power[!E$holds])
out_change <- list(
  foundations = lapply(foundations, function(f) change(E$foundation[, f], L$foundation[, f], f)),
  overall = change(E$overall, L$overall)
)

versions <- sprintf("%s; jsonlite %s; psych %s; multilevel %s; %s",
                    R.version.string, packageVersion("jsonlite"), packageVersion("psych"),
                    packageVersion("multilevel"), format(Sys.Date()))
expected <- list(
  source = paste0("tests/r/check.R on examples/data/team.jsonl (earlier) and tests/r/later.jsonl (later); ",
                  versions),
  foundations = out_foundations,
  overall = out_overall,
  differences = lapply(differences, function(d) { attr(d, "groups") <- NULL; d }),
  voice_gap_test = voice,
  change = out_change,
  items = item_counts(E$raw)
)
# Full precision. jsonlite's digits = NA still writes at most 15 significant
# digits (76.6666666666667 for 230/3), which does not read back to the same
# double. So every double is written as its shortest decimal form that does
# read back exactly (15, 16 or 17 significant digits), inserted verbatim.
shortest <- function(x) {
  for (d in 15:17) { s <- sprintf("%.*g", d, x); if (as.numeric(s) == x) break }
  structure(s, class = "json")
}
exact_doubles <- function(x) {
  if (is.list(x)) return(lapply(x, exact_doubles))          # keeps names
  if (is.double(x)) {
    y <- lapply(x, function(v) if (is.na(v)) NA else shortest(v))
    return(if (length(x) == 1) y[[1]] else y)               # length > 1: an array
  }
  x
}
write_json(exact_doubles(expected), expected_file, digits = NA, auto_unbox = TRUE, pretty = TRUE,
           na = "null", json_verbatim = TRUE)

# The file must read back to the same values, bit for bit: walk both trees.
same_tree <- function(a, b, where = "") {
  if (is.list(a) || length(a) > 1) {
    a <- as.list(a)
    if (!is.list(b) || length(a) != length(b)) stop("expected.json differs at ", where)
    for (i in seq_along(a)) same_tree(a[[i]], b[[i]], paste0(where, "/", if (is.null(names(a))) i else names(a)[i]))
  } else if (length(a) == 1 && is.na(a)) {
    if (!is.null(b)) stop("expected.json: not null at ", where)
  } else if (is.numeric(a)) {
    if (!is.numeric(b) || !identical(as.double(a), as.double(b))) stop("expected.json differs at ", where)
  } else if (!identical(a, b)) stop("expected.json differs at ", where)
}
same_tree(expected, fromJSON(expected_file, simplifyVector = FALSE))

# ---------------------------------------------------------------------------
# Summary
# ---------------------------------------------------------------------------

f6 <- function(x) ifelse(is.na(x), "null", formatC(x, digits = 6, format = "fg", flag = "#"))
cat(sprintf("%d respondents (earlier), %d (later)\n", length(earlier_resp), length(later_resp)))
cat("Organisations:", paste(sprintf("%s %d", names(table(E$organisation)), table(E$organisation)),
                            collapse = ", "), "\n")
cat(sprintf("Structural power: %d holders, %d others\n\n", sum(E$holds), sum(!E$holds)))
cat("Foundation                      n    mean       sd        ci95                    n_c  alpha     alpha if dropped\n")
for (f in out_foundations) {
  cat(sprintf("%-30s %2d  %-9s  %-9s [%s, %s]  %2d  %-9s %s\n", f$foundation, f$n, f6(f$mean), f6(f$sd),
              f6(f$ci95[1]), f6(f$ci95[2]), f$reliability$complete, f6(f$reliability$alpha),
              paste(vapply(f$reliability$alpha_if_dropped, function(a) f6(a$alpha), ""), collapse = " ")))
}
cat(sprintf("%-30s %2d  %-9s  %-9s [%s, %s]\n\n", "overall", out_overall$n, f6(out_overall$mean),
            f6(out_overall$sd), f6(out_overall$ci95[1]), f6(out_overall$ci95[2])))
cat("Between organisations          F         df      p          eta2      ICC1       ICC2\n")
for (d in differences) {
  cat(sprintf("%-30s %-9s %d,%-3d %-10s %-9s %-10s %s\n", d$foundation, f6(d$f), d$df_between,
              d$df_within, f6(d$p), f6(d$eta_squared), f6(d$icc1), f6(d$icc2)))
}
cat(sprintf("\nPower score: holders n = %d, mean %s; others n = %d, mean %s\n", sum(E$holds),
            f6(mean(E$power[E$holds])), sum(!E$holds), f6(mean(E$power[!E$holds]))))
cat(sprintf("Voice gap (holders - others): %s; Welch t = %s, df = %s, p = %s, ci95 [%s, %s], d = %s\n\n",
            f6(mean(E$power[E$holds]) - mean(E$power[!E$holds])), f6(voice$t), f6(voice$df), f6(voice$p),
            f6(voice$ci95[1]), f6(voice$ci95[2]), f6(voice$cohens_d)))
cat("Change (later - earlier)       earlier   later     change    t         df        p          d         sig\n")
for (c in c(out_change$foundations, list(c(list(foundation = "overall"), out_change$overall)))) {
  cat(sprintf("%-30s %-9s %-9s %-9s %-9s %-9s %-10s %-9s %s\n", c$foundation, f6(c$earlier), f6(c$later),
              f6(c$change), f6(c$t), f6(c$df), f6(c$p), f6(c$cohens_d), c$significant))
}
cat("\nWrote", later_file, "and", expected_file, "\n")
