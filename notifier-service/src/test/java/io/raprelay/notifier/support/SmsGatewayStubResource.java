package io.raprelay.notifier.support;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** Runs {@link SmsGatewayStub} and points the notifier's HTTP SMS gateway at it. */
public class SmsGatewayStubResource implements QuarkusTestResourceLifecycleManager {

    private SmsGatewayStub stub;

    @Override
    public Map<String, String> start() {
        stub = SmsGatewayStub.start();
        return Map.of("notifier.sms.http.url", stub.url());
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(stub,
                new TestInjector.AnnotatedAndMatchesType(InjectSmsGateway.class, SmsGatewayStub.class));
    }

    @Override
    public void stop() {
        if (stub != null) {
            stub.stop();
        }
    }
}
