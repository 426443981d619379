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
}
