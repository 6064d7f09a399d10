package io.raprelay.testing.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import com.icegreen.greenmail.util.GreenMail;

class GreenMailTestResourceTest {

    @InjectGreenMail
    GreenMail greenMail;

    @Test
    void mailSentToTheConfiguredSmtpPortIsReceived() throws Exception {
        GreenMailTestResource resource = new GreenMailTestResource();
        Map<String, String> config = resource.start();
        try {
            greenMailFrom(resource);
            Properties props = new Properties();
            props.put("mail.smtp.host", config.get("quarkus.mailer.host"));
            props.put("mail.smtp.port", config.get("quarkus.mailer.port"));
            MimeMessage message = new MimeMessage(Session.getInstance(props));
            message.setFrom(new InternetAddress("rap-relay@example.hk"));
            message.setRecipient(Message.RecipientType.TO, new InternetAddress("ops@example.hk"));
            message.setSubject("CCLTN05 arrived");
            message.setText("Final Clearing Statement for 2025-06-20");
            Transport.send(message);

            assertThat(greenMail.waitForIncomingEmail(10_000, 1)).isTrue();
            assertThat(greenMail.getReceivedMessages()[0].getSubject()).isEqualTo("CCLTN05 arrived");
        } finally {
            resource.stop();
        }
    }

    private void greenMailFrom(GreenMailTestResource resource) {
        resource.inject(new QuarkusTestResourceLifecycleManager.TestInjector() {
            @Override
            public void injectIntoFields(Object fieldValue, Predicate<Field> predicate) {
                greenMail = (GreenMail) fieldValue;
            }
        });
    }
}
