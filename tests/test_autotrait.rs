//! Every public type can cross threads.

fn assert_send_sync<T: Send + Sync>() {}

#[test]
fn public_types_are_send_and_sync() {
    assert_send_sync::<collaboration::Foundation>();
    assert_send_sync::<collaboration::QuestionId>();
    assert_send_sync::<collaboration::ReflectionQuestion>();
    assert_send_sync::<collaboration::CollaborativeBehaviour>();
    assert_send_sync::<collaboration::InfrastructureElement>();
    assert_send_sync::<collaboration::Role>();
    assert_send_sync::<collaboration::PowerForm>();
    assert_send_sync::<collaboration::PowerSource>();
    assert_send_sync::<collaboration::Misconception>();
    assert_send_sync::<collaboration::CollaborationLevel>();
    assert_send_sync::<collaboration::ParseIdError>();
    assert_send_sync::<collaboration::Scale>();
    assert_send_sync::<collaboration::Item>();
    assert_send_sync::<collaboration::Measure>();
    assert_send_sync::<collaboration::Keying>();
    assert_send_sync::<collaboration::SpectrumQuestion>();
    assert_send_sync::<collaboration::InstrumentDef>();
    assert_send_sync::<collaboration::Instrument>();
    assert_send_sync::<collaboration::InstrumentError>();
    assert_send_sync::<collaboration::Answer>();
    assert_send_sync::<collaboration::RespondentId>();
    assert_send_sync::<collaboration::Respondent>();
    assert_send_sync::<collaboration::Response>();
    assert_send_sync::<collaboration::ResponseError>();
    assert_send_sync::<collaboration::Band>();
    assert_send_sync::<collaboration::Bands>();
    assert_send_sync::<collaboration::BandsError>();
    assert_send_sync::<collaboration::ScoringOptions>();
    assert_send_sync::<collaboration::Scorecard>();
    assert_send_sync::<collaboration::ItemScore>();
    assert_send_sync::<collaboration::FoundationScore>();
    assert_send_sync::<collaboration::OverallScore>();
    assert_send_sync::<collaboration::MisconceptionAnswer>();
    assert_send_sync::<collaboration::PowerScore>();
    assert_send_sync::<collaboration::SpectrumPosition>();
}
