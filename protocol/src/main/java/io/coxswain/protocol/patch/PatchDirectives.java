package io.coxswain.protocol.patch;

/** The special keys and values of a strategic merge patch. */
final class PatchDirectives {

    static final String PATCH = "$patch";
    static final String REPLACE = "replace";
    static final String DELETE = "delete";
    static final String MERGE = "merge";
    static final String RETAIN_KEYS = "$retainKeys";
    static final String SET_ELEMENT_ORDER_PREFIX = "$setElementOrder/";
    static final String DELETE_FROM_PRIMITIVE_LIST_PREFIX = "$deleteFromPrimitiveList/";
    static final String DIRECTIVE_MARK = "$";

    private PatchDirectives() {
    }
}
