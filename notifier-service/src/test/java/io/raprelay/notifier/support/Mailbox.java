package io.raprelay.notifier.support;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.util.GreenMail;

/** What GreenMail received for one address, optionally only the mails whose body holds a marker (an event id). */
public final class Mailbox {

    private Mailbox() {
    }

    public static List<MimeMessage> to(GreenMail greenMail, String address, String marker) {
        return Arrays.stream(greenMail.getReceivedMessages()).filter(m -> {
            try {
                return Arrays.stream(m.getRecipients(Message.RecipientType.TO))
                        .anyMatch(a -> a.toString().contains(address)) && ((String) m.getContent()).contains(marker);
            } catch (MessagingException | IOException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }
}
