//! Reading the three input structs of an instrument definition: each from
//! an object only (`crate::de`), through a private twin whose derived code
//! does the work, so that no public function reads them from a JSON array.

use serde::{Deserialize, Deserializer};

use super::model::{InstrumentDef, Item, Keying, Measure, PartnerSection, Scale};
use crate::framework::Foundation;

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename = "InstrumentDef")]
struct InstrumentDefFields {
    id: String,
    version: String,
    title: String,
    source: String,
    #[serde(default)]
    foundations: Option<Vec<Foundation>>,
    scales: Vec<Scale>,
    items: Vec<Item>,
    #[serde(default)]
    partners: Option<PartnerSection>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename = "PartnerSection")]
struct PartnerSectionFields {
    #[serde(default = "notice")]
    notice: String,
    #[serde(default)]
    expected: Vec<String>,
}

fn notice() -> String {
    super::model::PARTNER_NOTICE.to_owned()
}

impl<'de> Deserialize<'de> for PartnerSection {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let f: PartnerSectionFields = crate::de::object(deserializer)?;
        Ok(Self { notice: f.notice, expected: f.expected })
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename = "Scale")]
struct ScaleFields {
    id: String,
    #[serde(deserialize_with = "crate::de::whole")]
    points: u8,
    labels: Vec<String>,
    #[serde(default)]
    not_applicable: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename = "Item")]
struct ItemFields {
    id: String,
    prompt: String,
    scale: String,
    measures: Measure,
    #[serde(default)]
    keying: Keying,
}

impl<'de> Deserialize<'de> for InstrumentDef {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let f: InstrumentDefFields = crate::de::object(deserializer)?;
        Ok(Self {
            id: f.id,
            version: f.version,
            title: f.title,
            source: f.source,
            foundations: f.foundations,
            scales: f.scales,
            items: f.items,
            partners: f.partners,
        })
    }
}

impl<'de> Deserialize<'de> for Scale {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let f: ScaleFields = crate::de::object(deserializer)?;
        Ok(Self { id: f.id, points: f.points, labels: f.labels, not_applicable: f.not_applicable })
    }
}

impl<'de> Deserialize<'de> for Item {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let f: ItemFields = crate::de::object(deserializer)?;
        Ok(Self { id: f.id, prompt: f.prompt, scale: f.scale, measures: f.measures, keying: f.keying })
    }
}
