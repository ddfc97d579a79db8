package io.upshift.planner.operations.web;

import io.upshift.planner.shared.domain.SalesforceIds;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A Salesforce org id: 15 or 18 characters, 00D…, with a valid checksum when it has 18. */
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = OrgId.Validator.class)
public @interface OrgId {

    String message() default "is not a Salesforce org id (15 or 18 characters, starting with 00D)";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Checks with the rules the inventory keeps ids by ({@link SalesforceIds}). */
    class Validator implements ConstraintValidator<OrgId, String> {

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            if (value == null) {
                return true;
            }
            return SalesforceIds.problem(value, SalesforceIds.ORG_PREFIX, "org id").map(problem -> {
                context.disableDefaultConstraintViolation();
                context.buildConstraintViolationWithTemplate(problem).addConstraintViolation();
                return false;
            }).orElse(true);
        }
    }
}
