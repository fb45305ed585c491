from prediction_engine.predictor import failure_probability


def test_idle_instance_is_healthy():
    assert failure_probability({}) == 0
