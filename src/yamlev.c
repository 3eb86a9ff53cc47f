/* yamlev.c - libyaml's events as the strict loaders read them (see
 * yamlev.h). */
#include "yamlev.h"

enum load_found yamlev_found(const yaml_event_t *ev)
{
	switch (ev->type) {
	case YAML_SCALAR_EVENT:         return LOAD_FOUND_SCALAR;
	case YAML_SEQUENCE_START_EVENT: return LOAD_FOUND_LIST;
	case YAML_MAPPING_START_EVENT:  return LOAD_FOUND_MAPPING;
	case YAML_SEQUENCE_END_EVENT:   return LOAD_FOUND_LIST_END;
	case YAML_MAPPING_END_EVENT:    return LOAD_FOUND_MAPPING_END;
	case YAML_DOCUMENT_START_EVENT: return LOAD_FOUND_DOCUMENT;
	case YAML_DOCUMENT_END_EVENT:   return LOAD_FOUND_DOCUMENT_END;
	case YAML_STREAM_END_EVENT:     return LOAD_FOUND_FILE_END;
	default:                        return LOAD_FOUND_OTHER;
	}
}

void yamlev_props(const yaml_event_t *ev, const yaml_char_t **anchor, const yaml_char_t **tag)
{
	*anchor = *tag = NULL;
	switch (ev->type) {
	case YAML_SCALAR_EVENT:
		*anchor = ev->data.scalar.anchor;
		*tag = ev->data.scalar.tag;
		break;
	case YAML_SEQUENCE_START_EVENT:
		*anchor = ev->data.sequence_start.anchor;
		*tag = ev->data.sequence_start.tag;
		break;
	case YAML_MAPPING_START_EVENT:
		*anchor = ev->data.mapping_start.anchor;
		*tag = ev->data.mapping_start.tag;
		break;
	default:
		break;
	}
}
