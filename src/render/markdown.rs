//! Markdown for people: the `Display` of a [`Scorecard`], a
//! [`GroupReport`], a [`Comparison`] and the framework's [`Catalogue`] (the
//! tour).
//!
//! The figures are those of the JSON; numbers are rounded here, for display
//! only, by [`super::format`].

use std::fmt;

use super::format::{
    Shown, change_detail, difference, interval, noise, reversal, share, shown_band, signed, two,
    voice_gap_test,
};
use crate::framework::{Catalogue, CollaborationLevel};
use crate::report::{Comparison, FoundationStats, GroupReport, Grouping, PartnerMap, PowerSide};
use crate::score::Scorecard;

impl fmt::Display for Scorecard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "# Scorecard: {}\n", cell(self.respondent.id.as_str()))?;
        writeln!(f, "Instrument `{}` version {}.\n", self.instrument, self.instrument_version)?;
        writeln!(f, "| Foundation | Score | Band | Answered |")?;
        writeln!(f, "|---|---:|---|---:|")?;
        for s in &self.foundations {
            writeln!(
                f,
                "| {}. {} | {} | {} | {} of {} |",
                s.foundation.number(),
                s.foundation.name(),
                Shown(s.score),
                shown_band(s.band),
                s.answered,
                s.items
            )?;
        }
        writeln!(
            f,
            "| **Overall** | **{}** | {} | {} of {} foundations |",
            Shown(self.overall.score),
            shown_band(self.overall.band),
            self.overall.scored,
            self.overall.foundations
        )?;

        // Only the sections the instrument measures.
        if !self.misconceptions.is_empty() {
            writeln!(f, "\n## Misconceptions held\n")?;
            let mut any = false;
            for m in self.held() {
                any = true;
                writeln!(f, "- \"{}\": {}", m.claim(), m.reality())?;
            }
            if !any {
                writeln!(f, "None of the {} answered.", self.misconceptions.len())?;
            }
        }

        if let Some(power) = &self.power {
            writeln!(f, "\n## Power\n")?;
            writeln!(
                f,
                "Power score {} from {} of {} items (higher is healthier). {}",
                Shown(power.score),
                power.answered,
                power.items,
                reversal(&power.reversed)
            )?;
        }

        if let Some(spectrum) = &self.spectrum {
            writeln!(f, "\n## Collaboration spectrum\n")?;
            let level = |l: Option<CollaborationLevel>| {
                l.map_or_else(|| "—".to_owned(), |l| format!("{} ({})", l.name(), l.level()))
            };
            write!(f, "Now: {}; needed: {}", level(spectrum.current), level(spectrum.needed))?;
            match spectrum.gap {
                Some(gap) => writeln!(f, "; gap {gap:+}.")?,
                None => writeln!(f, ".")?,
            }
        }
        Ok(())
    }
}

fn write_grouping(f: &mut fmt::Formatter<'_>, title: &str, grouping: &Grouping) -> fmt::Result {
    writeln!(f, "\n### {title}\n")?;
    if grouping.segments.is_empty() {
        return writeln!(f, "No respondent gave this.");
    }
    for segment in &grouping.segments {
        if segment.suppressed {
            writeln!(f, "- {}: suppressed (too few respondents to show)", cell(&segment.segment))?;
        } else {
            let means: Vec<String> = segment
                .foundations
                .iter()
                .map(|s| {
                    if s.suppressed {
                        format!("{} withheld", s.foundation.number())
                    } else {
                        format!("{} {}", s.foundation.number(), Shown(s.mean))
                    }
                })
                .collect();
            writeln!(
                f,
                "- {} ({} respondents): {}",
                cell(&segment.segment),
                segment.respondents.unwrap_or_default(),
                means.join(" · ")
            )?;
        }
    }
    let gaps: Vec<String> = grouping
        .perspective_gaps
        .iter()
        .filter_map(|g| {
            Some(format!(
                "{} {:.1} ({} lowest, {} highest)",
                g.foundation.name(),
                g.gap?,
                g.lowest.as_deref()?,
                g.highest.as_deref()?
            ))
        })
        .collect();
    if !gaps.is_empty() {
        writeln!(f, "\nPerspective gaps: {}.", gaps.join("; "))?;
    }
    if !grouping.differences.is_empty() {
        writeln!(f)?;
        for d in &grouping.differences {
            writeln!(f, "- {}", difference(d))?;
        }
    }
    Ok(())
}

/// A name as Markdown text: a `|` would end a table cell, a `<` could
/// open raw HTML, and a backslash or an emphasis mark would change what
/// follows, so each is escaped.
fn cell(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.chars() {
        if matches!(c, '|' | '\\' | '*' | '_' | '`' | '<' | '[' | ']') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The partner map: its ties, the pairs to talk about, and the density.
fn write_partners(f: &mut fmt::Formatter<'_>, map: &PartnerMap) -> fmt::Result {
    writeln!(f, "\n## Partner map\n")?;
    writeln!(
        f,
        "Partner ratings are given on behalf of organisations and are not anonymous. Levels run from 1 \
         (compete) to 7 (integrate); the need gap is needed − now."
    )?;
    if map.suppressed_ties > 0 {
        writeln!(
            f,
            "\n{} tie(s) rated by fewer than {} respondent(s) are not shown, nor counted in any figure.",
            map.suppressed_ties, map.min_partner_raters
        )?;
    }
    if !map.ties.is_empty() {
        writeln!(f, "\n| From → to | Raters | Now | Needed | Need gap | Trust | Value |")?;
        writeln!(f, "|---|---:|---:|---:|---:|---:|---:|")?;
        for t in &map.ties {
            writeln!(
                f,
                "| {} → {} | {} | {:.1} | {:.1} | {} | {} | {} |",
                cell(&t.from),
                cell(&t.to),
                t.raters,
                t.current,
                t.needed,
                signed(Some(t.need_gap), 1),
                Shown(t.trust),
                Shown(t.value),
            )?;
        }
    }
    let talk: Vec<_> = map.pairs.iter().filter(|p| p.mismatched || p.over_collaborating).collect();
    if !talk.is_empty() {
        writeln!(f)?;
        for p in talk {
            let (a, b) = (p.first_to_second.unwrap_or_default(), p.second_to_first.unwrap_or_default());
            if p.mismatched {
                writeln!(
                    f,
                    "- **{} ↔ {}: mismatched.** {} rates the tie {a:.1}, {} {b:.1}: {:.1} levels apart.",
                    cell(&p.first),
                    cell(&p.second),
                    cell(&p.first),
                    cell(&p.second),
                    p.reciprocity_gap.unwrap_or_default()
                )?;
            }
            if p.over_collaborating {
                writeln!(
                    f,
                    "- **{} ↔ {}: over-collaborating.** Both say the work needs less than the {a:.1} and {b:.1} \
                     they have.",
                    cell(&p.first),
                    cell(&p.second)
                )?;
            }
        }
    }
    let density: Vec<String> = map
        .network
        .density
        .iter()
        .filter_map(|d| {
            let name = CollaborationLevel::iter().find(|l| l.level() == d.level)?.name();
            d.density.map(|v| format!("{} {name} {}", d.level, share(Some(v))))
        })
        .collect();
    if !density.is_empty() {
        writeln!(
            f,
            "\nDensity over {} organisations, the share of ordered pairs working at each level or closer: {}.",
            map.network.organisations,
            density.join(", ")
        )?;
    }
    Ok(())
}

impl fmt::Display for GroupReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "# Group report: {} respondents\n", self.respondents)?;
        writeln!(f, "Instrument `{}` version {}.\n", self.instrument, self.instrument_version)?;
        if let Some(reason) = &self.suppressed_reason {
            writeln!(f, "**Suppressed:** {reason}.\n")?;
            writeln!(f, "| Foundation | n |")?;
            writeln!(f, "|---|---:|")?;
            for s in &self.foundations {
                writeln!(f, "| {}. {} | {} |", s.foundation.number(), s.foundation.name(), s.summary.n)?;
            }
            writeln!(f, "| **Overall** | {} |", self.overall.summary.n)?;
            // Partner ratings are not anonymous: their map has its own bar.
            return match &self.partners {
                Some(map) => write_partners(f, map),
                None => Ok(()),
            };
        }
        writeln!(
            f,
            "| Foundation | n | Mean | 95% interval | SD | Median | Min–max | Band | Alpha | rwg | AD | Views |"
        )?;
        writeln!(f, "|---|---:|---:|---:|---:|---:|---|---|---:|---:|---:|---|")?;
        for s in &self.foundations {
            let views = match (s.suppressed, s.surface_agreement, s.divided) {
                (true, _, _) if s.summary.n == 0 => "not scored",
                (true, _, _) => "withheld (too few)",
                (false, true, _) => "surface agreement",
                (false, false, true) => "divided",
                (false, false, false) => "shared",
            };
            writeln!(
                f,
                "| {}. {} | {} | {} | {} | {} | {} | {}–{} | {} | {} | {} | {} | {views} |",
                s.foundation.number(),
                s.foundation.name(),
                s.summary.n,
                Shown(s.summary.mean),
                interval(s.ci95, 1),
                Shown(s.summary.sd),
                Shown(s.summary.median),
                Shown(s.summary.min),
                Shown(s.summary.max),
                shown_band(s.band),
                two(s.reliability.as_ref().and_then(|r| r.alpha)),
                two(s.rwg),
                two(s.ad),
            )?;
        }
        writeln!(
            f,
            "| **Overall** | {} | **{}** | {} | {} | {} | {}–{} | {} | | | | |",
            self.overall.summary.n,
            Shown(self.overall.summary.mean),
            interval(self.overall.ci95, 1),
            Shown(self.overall.summary.sd),
            Shown(self.overall.summary.median),
            Shown(self.overall.summary.min),
            Shown(self.overall.summary.max),
            shown_band(self.overall.band)
        )?;

        writeln!(f, "\n## Priorities for the conversation\n")?;
        for (n, p) in self.priorities.iter().enumerate() {
            let divided = if p.divided { ", views divided" } else { "" };
            writeln!(f, "{}. {} ({:.1}, {}{divided})", n + 1, p.foundation.name(), p.mean, p.band)?;
        }

        let divided: Vec<&FoundationStats> = self.divided().collect();
        if !divided.is_empty() {
            writeln!(f, "\n## Divided views\n")?;
            for s in divided {
                let surface = if s.surface_agreement {
                    " Its mean looks healthy, so the agreement may be only on the surface."
                } else {
                    ""
                };
                writeln!(f, "- {}: rwg {}.{surface}", s.foundation.name(), two(s.rwg))?;
            }
        }

        if !self.misconceptions.is_empty() {
            writeln!(f, "\n## Misconceptions\n")?;
            for m in &self.misconceptions {
                match m.held {
                    Some(held) => writeln!(
                        f,
                        "- \"{}\": held by {held} of {} ({})",
                        m.misconception.claim(),
                        m.answered,
                        share(m.share)
                    )?,
                    None if m.answered == 0 => {
                        writeln!(f, "- \"{}\": not answered", m.misconception.claim())?;
                    }
                    None => writeln!(
                        f,
                        "- \"{}\": withheld ({} answered, too few to show)",
                        m.misconception.claim(),
                        m.answered
                    )?,
                }
            }
        }

        if let Some(power) = &self.power {
            writeln!(f, "\n## Power\n")?;
            writeln!(
                f,
                "Mean power score {} (n = {}). {}",
                Shown(power.summary.mean),
                power.summary.n,
                reversal(&power.reversed)
            )?;
            let side = |s: &PowerSide| {
                if s.suppressed {
                    "withheld".to_owned()
                } else {
                    format!("{} (n = {})", Shown(s.mean), s.n.unwrap_or_default())
                }
            };
            writeln!(
                f,
                "Holding structural power: {}; holding none: {}; voice gap {}.",
                side(&power.holders),
                side(&power.others),
                signed(power.voice_gap, 1)
            )?;
            if let Some(test) = power.voice_gap_test.as_ref().and_then(voice_gap_test) {
                writeln!(f, "{test}")?;
            }
        }

        writeln!(f, "\n## Perspectives (segments of at least {})", self.options.min_segment)?;
        write_grouping(f, "By role", &self.segments.by_role)?;
        write_grouping(f, "By organisation", &self.segments.by_organisation)?;
        write_grouping(f, "By structural power", &self.segments.by_power)?;

        if let Some(spectrum) = &self.spectrum {
            writeln!(f, "\n## Collaboration spectrum\n")?;
            writeln!(f, "| Level | Now | Needed |")?;
            writeln!(f, "|---|---:|---:|")?;
            for (c, n) in spectrum.current.iter().zip(&spectrum.needed) {
                writeln!(f, "| {}. {} | {} | {} |", c.level.level(), c.level.name(), c.count, n.count)?;
            }
            writeln!(
                f,
                "\nMean gap (needed − now): {} levels, over {} respondents.",
                signed(spectrum.mean_gap, 2),
                spectrum.answered_both
            )?;
        }

        if let Some(map) = &self.partners {
            write_partners(f, map)?;
        }

        writeln!(f, "\n## How to read these figures\n")?;
        for (term, explanation) in super::format::HOW_TO_READ {
            writeln!(f, "- **{term}**: {explanation}")?;
        }
        Ok(())
    }
}

impl fmt::Display for Comparison {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "# Change over time: `{}`\n", self.instrument)?;
        // Reports' changes are tested; scorecards' are not (one answer each).
        let tested =
            self.foundations.iter().map(|c| &c.change).chain([&self.overall]).any(|c| c.test.is_some());
        if tested {
            writeln!(f, "| Foundation | Earlier | Later | Change | Band | Beyond noise? | Welch's t-test |")?;
            writeln!(f, "|---|---:|---:|---:|---|---|---|")?;
        } else {
            writeln!(f, "| Foundation | Earlier | Later | Change | Band |")?;
            writeln!(f, "|---|---:|---:|---:|---|")?;
        }
        let delta = |c: Option<f64>| signed(c, 1);
        let rows = self
            .foundations
            .iter()
            .map(|c| (format!("{}. {}", c.foundation.number(), c.foundation.name()), &c.change))
            .chain(std::iter::once(("**Overall**".to_owned(), &self.overall)));
        for (name, c) in rows {
            write!(
                f,
                "| {name} | {} | {} | {} | {} → {} |",
                Shown(c.earlier),
                Shown(c.later),
                delta(c.change),
                shown_band(c.earlier_band),
                shown_band(c.later_band)
            )?;
            if tested {
                let dash = || "—".to_owned();
                let test = c.test.as_ref();
                write!(
                    f,
                    " {} | {} |",
                    noise(test).unwrap_or_else(dash),
                    change_detail(test).unwrap_or_else(dash)
                )?;
            }
            writeln!(f)?;
        }
        if self.moved_band.is_empty() {
            writeln!(f, "\nNo foundation moved band.")
        } else {
            let names: Vec<String> = self
                .moved_band
                .iter()
                .map(|&moved| {
                    let test =
                        self.foundations.iter().find(|c| c.foundation == moved).and_then(|c| c.change.test);
                    match noise(test.as_ref()) {
                        Some(noise) => format!("{}, {noise}", moved.name()),
                        None => moved.name().to_owned(),
                    }
                })
                .collect();
            writeln!(f, "\nMoved band: {}.", names.join("; "))
        }
    }
}

impl fmt::Display for Catalogue {
    /// The whole framework, readably: every foundation with its heading,
    /// summary, reflection questions and further reading, then the
    /// behaviours, the infrastructure, the roles, the forms and sources of
    /// power, the misconceptions and the collaboration spectrum, each with
    /// its id.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "# A framework for effective collaboration\n")?;
        writeln!(f, "> {}\n", self.definition)?;
        if let [guide, article, ..] = self.sources.as_slice() {
            writeln!(f, "Source: {guide}.")?;
            writeln!(f, "Misconceptions and power: {article}.\n")?;
        }
        writeln!(f, "The core belief of a collaborative mindset: {}\n", self.core_belief)?;
        writeln!(f, "## The six foundations\n")?;
        for foundation in &self.foundations {
            writeln!(
                f,
                "### {}. {} ({}): *{}*\n",
                foundation.number, foundation.name, foundation.id, foundation.heading
            )?;
            writeln!(f, "{}\n", foundation.summary)?;
            writeln!(f, "Reflection questions:")?;
            for question in &foundation.questions {
                writeln!(f, "{}. {}  [{}]", question.number, question.text, question.id)?;
            }
            if !foundation.further_reading.is_empty() {
                writeln!(f, "\nFurther reading: {}", foundation.further_reading.join("; "))?;
            }
            writeln!(f)?;
        }
        writeln!(f, "## Collaborative behaviours (foundation 4)\n")?;
        for behaviour in &self.behaviours {
            writeln!(f, "- {} ({}): {}", behaviour.name, behaviour.id, behaviour.description)?;
        }
        writeln!(f, "\n## Collaborative infrastructure (foundation 6)\n")?;
        for element in &self.infrastructure {
            writeln!(f, "- {} ({}): {}", element.name, element.id, element.description)?;
        }
        writeln!(f, "\n## System roles\n")?;
        for role in &self.roles {
            writeln!(f, "- {} ({}): {}", role.name, role.id, role.description)?;
        }
        writeln!(f, "\n## Forms of power\n")?;
        for form in &self.power_forms {
            let kind = if form.positive { "positive" } else { "the imbalance to surface" };
            writeln!(f, "- {} ({}, {kind}): {}", form.name, form.id, form.meaning)?;
        }
        writeln!(f, "\n## Sources of structural power\n")?;
        for source in &self.power_sources {
            writeln!(f, "- {} ({})", source.name, source.id)?;
        }
        writeln!(f, "\n## Common misconceptions\n")?;
        for (n, misconception) in self.misconceptions.iter().enumerate() {
            let foundations: Vec<&str> = misconception.foundations.iter().map(|m| m.name()).collect();
            writeln!(f, "{}. \"{}\" ({})", n + 1, misconception.claim, misconception.id)?;
            writeln!(f, "   Reality: {}", misconception.reality)?;
            writeln!(f, "   Bears on: {}\n", foundations.join("; "))?;
        }
        writeln!(f, "## The collaboration spectrum (Tamarack Institute)\n")?;
        for level in &self.spectrum {
            writeln!(f, "{}. {} ({}): {}", level.level, level.name, level.id, level.meaning)?;
        }
        Ok(())
    }
}
