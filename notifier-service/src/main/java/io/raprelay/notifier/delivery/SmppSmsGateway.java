package io.raprelay.notifier.delivery;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.enterprise.context.ApplicationScoped;

import org.jsmpp.InvalidResponseException;
import org.jsmpp.PDUException;
import org.jsmpp.bean.Alphabet;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.GeneralDataCoding;
import org.jsmpp.bean.MessageClass;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.SMSCDeliveryReceipt;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.extra.ResponseTimeoutException;
import org.jsmpp.session.BindParameter;
import org.jsmpp.session.SMPPSession;

import io.raprelay.notifier.NotifierConfig;
import io.smallrye.common.annotation.Identifier;

/**
 * SMS through an SMSC over SMPP 3.4 (jSMPP): binds as transmitter, submits one short message (sender id
 * alphanumeric, destination international without the {@code +}), unbinds. Plain ASCII goes in the default alphabet
 * (160 characters), anything else, Traditional Chinese included, in UCS-2 (70 characters); longer texts are cut with
 * an ellipsis, the email carrying the whole notice. The SMSC's message id is the delivery log's provider id.
 */
@ApplicationScoped
@Identifier("smpp")
public class SmppSmsGateway implements SmsGateway {

    private final NotifierConfig.Sms config;

    public SmppSmsGateway(NotifierConfig config) {
        this.config = config.sms();
    }

    @Override
    public String send(String mobile, String text) {
        NotifierConfig.Sms.Smpp smpp = config.smpp();
        boolean ascii = StandardCharsets.US_ASCII.newEncoder().canEncode(text);
        String fitted = fit(text, ascii ? 160 : 70);
        byte[] body = fitted.getBytes(ascii ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_16BE);
        SMPPSession session = new SMPPSession();
        session.setTransactionTimer(smpp.timeout().toMillis());
        try {
            session.connectAndBind(smpp.host(), smpp.port(), new BindParameter(BindType.BIND_TX, smpp.systemId(),
                    smpp.password().orElse(""), smpp.systemType().orElse(""), TypeOfNumber.UNKNOWN,
                    NumberingPlanIndicator.UNKNOWN, null), smpp.timeout().toMillis());
            return session.submitShortMessage("", TypeOfNumber.ALPHANUMERIC, NumberingPlanIndicator.UNKNOWN,
                    config.senderId(), TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN,
                    mobile.startsWith("+") ? mobile.substring(1) : mobile, new ESMClass(), (byte) 0, (byte) 1, null,
                    null, new RegisteredDelivery(SMSCDeliveryReceipt.DEFAULT), (byte) 0,
                    new GeneralDataCoding(ascii ? Alphabet.ALPHA_DEFAULT : Alphabet.ALPHA_UCS2, MessageClass.CLASS1,
                            false),
                    (byte) 0, body).getMessageId();
        } catch (IOException | PDUException | ResponseTimeoutException | InvalidResponseException
                | NegativeResponseException e) {
            throw new DeliveryException("SMSC " + smpp.host() + ":" + smpp.port() + ": " + e.getClass().getSimpleName()
                    + ": " + e.getMessage(), e);
        } finally {
            session.unbindAndClose();
        }
    }

    static String fit(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
